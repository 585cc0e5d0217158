using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>
/// Compiles a filter for LINQ to objects under the two semantics the store documents where C# itself differs:
/// <c>StartsWith(string)</c> and <c>EndsWith(string)</c> compare ordinally (in .NET they use the current culture, which
/// for example ignores NUL), and <c>==</c> between object-typed operands (dynamic records) is <c>object.Equals</c>,
/// not reference equality. Everything else is compiled as written.
/// </summary>
internal sealed class OracleSemantics : ExpressionVisitor
{
    private static readonly MethodInfo ObjectEquals = typeof(object).GetMethod(nameof(object.Equals), [typeof(object), typeof(object)])!;

    public static Func<T, bool> Compile<T>(Expression<Func<T, bool>> filter) =>
        ((Expression<Func<T, bool>>)new OracleSemantics().Visit(filter)).Compile();

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(string) && node.Method.Name is "StartsWith" or "EndsWith"
            && node.Arguments is [{ Type: var type }] && type == typeof(string))
        {
            var ordinal = typeof(string).GetMethod(node.Method.Name, [typeof(string), typeof(StringComparison)])!;
            return Expression.Call(Visit(node.Object), ordinal, Visit(node.Arguments[0]), Expression.Constant(StringComparison.Ordinal));
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node is { NodeType: ExpressionType.Equal or ExpressionType.NotEqual, Method: null }
            && node.Left.Type == typeof(object) && node.Right.Type == typeof(object))
        {
            Expression equals = Expression.Call(ObjectEquals, Visit(node.Left), Visit(node.Right));
            return node.NodeType == ExpressionType.Equal ? equals : Expression.Not(equals);
        }

        return base.VisitBinary(node);
    }
}
