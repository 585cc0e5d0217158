using System.Linq.Expressions;

namespace ContextMemory.VectorStore.Filters;

/// <summary>Finds whether an expression reads any of a set of parameters (the record, or an element in scope).</summary>
internal sealed class ParameterUsage : ExpressionVisitor
{
    private readonly Func<ParameterExpression, bool> _isTracked;
    private bool _found;

    private ParameterUsage(Func<ParameterExpression, bool> isTracked) => _isTracked = isTracked;

    public static bool Uses(Expression expression, Func<ParameterExpression, bool> isTracked)
    {
        var finder = new ParameterUsage(isTracked);
        finder.Visit(expression);
        return finder._found;
    }

    public override Expression? Visit(Expression? node) => _found ? node : base.Visit(node);

    protected override Expression VisitParameter(ParameterExpression node)
    {
        _found |= _isTracked(node);
        return node;
    }
}
