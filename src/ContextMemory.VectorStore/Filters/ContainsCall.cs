using System.Linq.Expressions;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// The shapes of <c>Contains</c> in an expression tree, normalised to (source, item): <c>Enumerable.Contains</c>,
/// instance <c>Contains</c> of a collection type (List, HashSet, ICollection), and <c>MemoryExtensions.Contains</c> over
/// an array, which C# 14 binds for <c>array.Contains(x)</c> through an implicit array-to-span conversion.
/// </summary>
/// <param name="Source">The collection expression (the array itself for the span form); null if the span form is not an array conversion.</param>
/// <param name="Item">The value looked for.</param>
/// <param name="ElementType">The element type the comparison uses.</param>
/// <param name="Comparer">An equality comparer argument, if the overload has one.</param>
internal sealed record ContainsCall(Expression? Source, Expression Item, Type ElementType, Expression? Comparer)
{
    public static bool TryMatch(MethodCallExpression call, out ContainsCall contains)
    {
        contains = null!;
        var method = call.Method;
        if (method.Name != "Contains" || method.DeclaringType == typeof(string))
        {
            return false;
        }

        var arguments = call.Arguments;
        if (method.IsStatic && method.IsGenericMethod && method.GetGenericArguments() is [var elementType] && arguments.Count is 2 or 3
            && arguments[1].Type == elementType)
        {
            var comparer = arguments.Count == 3 ? arguments[2] : null;
            if (method.DeclaringType == typeof(Enumerable))
            {
                contains = new ContainsCall(arguments[0], arguments[1], elementType, comparer);
                return true;
            }

            if (method.DeclaringType == typeof(MemoryExtensions))
            {
                contains = new ContainsCall(ArrayOfSpan(arguments[0]), arguments[1], elementType, comparer);
                return true;
            }

            return false;
        }

        if (!method.IsStatic && call.Object is { } target && arguments.Count == 1 && method.ReturnType == typeof(bool)
            && typeof(IEnumerable<>).MakeGenericType(arguments[0].Type).IsAssignableFrom(target.Type))
        {
            contains = new ContainsCall(target, arguments[0], arguments[0].Type, Comparer: null);
            return true;
        }

        return false;
    }

    /// <summary>The array under <c>op_Implicit(array)</c>, <c>new ReadOnlySpan&lt;T&gt;(array)</c> or <c>array.AsSpan()</c>.</summary>
    private static Expression? ArrayOfSpan(Expression span) => span switch
    {
        MethodCallExpression { Method: { Name: "op_Implicit" or "AsSpan", IsStatic: true }, Arguments: [var array] } when array.Type.IsArray => array,
        UnaryExpression { NodeType: ExpressionType.Convert, Method.Name: "op_Implicit", Operand: var array } when array.Type.IsArray => array,
        NewExpression { Arguments: [var array] } when array.Type.IsArray => array,
        _ => null,
    };
}
