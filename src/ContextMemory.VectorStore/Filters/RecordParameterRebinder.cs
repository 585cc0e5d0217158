using System.Linq.Expressions;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Makes every free parameter of the record type in a filter body the filter's own parameter. Filters combined as
/// <c>Expression.Lambda(Expression.AndAlso(a.Body, b.Body), a.Parameters)</c> (as the Agent Framework's
/// ChatHistoryMemoryProvider builds them) keep <c>b</c>'s parameter in its half: a different object standing for the same
/// record. Parameters declared by a lambda inside the filter (<c>Any(t =&gt; ...)</c>) are left alone.
/// </summary>
internal sealed class RecordParameterRebinder : ExpressionVisitor
{
    private readonly ParameterExpression _record;
    private readonly HashSet<ParameterExpression> _declared = [];

    private RecordParameterRebinder(ParameterExpression record) => _record = record;

    /// <summary>The body of <paramref name="filter"/> with its free record-typed parameters replaced by its own parameter.</summary>
    public static Expression Rebind(LambdaExpression filter) => new RecordParameterRebinder(filter.Parameters[0]).Visit(filter.Body);

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var added = node.Parameters.Where(_declared.Add).ToList();
        try
        {
            return base.VisitLambda(node);
        }
        finally
        {
            _declared.ExceptWith(added);
        }
    }

    protected override Expression VisitParameter(ParameterExpression node) =>
        node != _record && node.Type == _record.Type && !_declared.Contains(node) ? _record : node;
}
