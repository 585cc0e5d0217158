using System.Linq.Expressions;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// Makes a filter compilable when it combines lambdas with different record parameters (as Agent Framework does with
/// <c>Expression.AndAlso</c>): every parameter of the record type in the body becomes the lambda's own parameter.
/// </summary>
internal sealed class FilterParameterRebinder : ExpressionVisitor
{
    private readonly ParameterExpression _parameter;

    private FilterParameterRebinder(ParameterExpression parameter) => _parameter = parameter;

    /// <summary>The filter compiled into a predicate over records.</summary>
    public static Func<TRecord, bool> Compile<TRecord>(Expression<Func<TRecord, bool>> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameter = filter.Parameters[0];
        var body = new FilterParameterRebinder(parameter).Visit(filter.Body);
        return Expression.Lambda<Func<TRecord, bool>>(body, parameter).Compile();
    }

    /// <inheritdoc />
    protected override Expression VisitParameter(ParameterExpression node) =>
        node.Type == _parameter.Type ? _parameter : base.VisitParameter(node);
}
