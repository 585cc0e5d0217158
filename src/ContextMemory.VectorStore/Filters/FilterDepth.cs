using System.Collections.ObjectModel;
using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Measures how deeply a filter expression nests, without recursion (an explicit stack), stopping as soon as the
/// limit is passed: a filter of 200,000 nested nodes costs <see cref="MaxDepth"/> steps, not a stack overflow.
/// </summary>
/// <remarks>
/// Every translated level becomes at most one level of the SQL expression (an operator, NOT, CASE or a comparison),
/// and SQLite refuses expressions deeper than 1,000 (SQLITE_MAX_EXPR_DEPTH, its default); the statement around the
/// filter and a comparison's own operands take a few more. 500 leaves that headroom and is far beyond any filter a
/// person or a framework writes.
/// </remarks>
internal static class FilterDepth
{
    /// <summary>The deepest filter the store translates (lambda body nodes, counted from the body).</summary>
    public const int MaxDepth = 500;

    /// <summary>Throws <see cref="NotSupportedException"/> naming the limit when <paramref name="filter"/> nests deeper than <see cref="MaxDepth"/>.</summary>
    public static void ThrowIfTooDeep(LambdaExpression filter)
    {
        var pending = new Stack<(Expression Node, int Depth)>();
        pending.Push((filter.Body, 1));
        while (pending.TryPop(out var current))
        {
            if (current.Depth > MaxDepth)
            {
                throw new NotSupportedException(VectorStoreErrors.FilterTooDeep(MaxDepth));
            }

            foreach (var child in Children(current.Node))
            {
                if (child is not null)
                {
                    pending.Push((child, current.Depth + 1));
                }
            }
        }
    }

    private static IEnumerable<Expression?> Children(Expression node) => node switch
    {
        BinaryExpression binary => [binary.Left, binary.Right, binary.Conversion],
        UnaryExpression unary => [unary.Operand],
        ConditionalExpression conditional => [conditional.Test, conditional.IfTrue, conditional.IfFalse],
        MethodCallExpression call => Prepend(call.Object, call.Arguments),
        MemberExpression member => [member.Expression],
        LambdaExpression lambda => [lambda.Body],
        InvocationExpression invocation => Prepend(invocation.Expression, invocation.Arguments),
        NewArrayExpression array => array.Expressions,
        NewExpression created => created.Arguments,
        ListInitExpression list => Prepend(list.NewExpression, list.Initializers.SelectMany(static i => i.Arguments).ToList().AsReadOnly()),
        TypeBinaryExpression type => [type.Expression],
        IndexExpression index => Prepend(index.Object, index.Arguments),
        _ => [],
    };

    private static IEnumerable<Expression?> Prepend(Expression? first, ReadOnlyCollection<Expression> rest) => rest.Prepend(first);
}
