using System.Linq.Expressions;
using System.Reflection;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Comparisons of a translated filter (==, !=, &lt;, &lt;=, &gt;, &gt;=, Equals), null-safe and two-valued: C#'s == and != hold
/// for two nulls, ordered comparisons with a null are false.
/// </summary>
internal sealed class FilterComparisons
{
    private readonly FilterContext _context;
    private readonly FilterOperands _operands;
    private readonly Func<Expression, string> _predicate;

    /// <param name="context">The translation's state.</param>
    /// <param name="operands">Resolves columns and binds values.</param>
    /// <param name="predicate">Translates a bool operand (the translator's entry for nested predicates).</param>
    public FilterComparisons(FilterContext context, FilterOperands operands, Func<Expression, string> predicate)
    {
        _context = context;
        _operands = operands;
        _predicate = predicate;
    }

    public string Comparison(BinaryExpression comparison)
    {
        if (comparison.Method is { } method && !IsBuiltInOperator(method))
        {
            throw FilterContext.Unsupported(comparison, VectorStoreErrors.FilterMethod($"{method.DeclaringType?.Name}.{method.Name}"));
        }

        // Without an operator method, == on reference types is reference equality; for object-typed values (dynamic
        // records) it is read as value equality, object.Equals, which is what a filter means.
        var objectEquality = comparison.Method is null && !comparison.Left.Type.IsValueType;
        return Compare(comparison, comparison.Left, comparison.Right, comparison.NodeType, objectEquality);
    }

    /// <summary>
    /// Compares two operands. <paramref name="objectEquality"/> selects <see cref="object.Equals(object?, object?)"/> semantics:
    /// values of different runtime types are never equal.
    /// </summary>
    private string Compare(Expression node, Expression left, Expression right, ExpressionType operation, bool objectEquality)
    {
        var leftColumn = _operands.FindColumn(left);
        var rightColumn = _operands.FindColumn(right);
        var leftIsValue = leftColumn is null && _context.IsIndependent(left);
        var rightIsValue = rightColumn is null && _context.IsIndependent(right);
        if ((leftColumn is null && !leftIsValue) || (rightColumn is null && !rightIsValue))
        {
            if (operation is ExpressionType.Equal or ExpressionType.NotEqual && left.Type == typeof(bool) && right.Type == typeof(bool))
            {
                return $"({_predicate(left)} {(operation == ExpressionType.Equal ? "=" : "<>")} {_predicate(right)})";
            }

            throw FilterContext.UnsupportedOperand(leftColumn is null && !leftIsValue ? left : right);
        }

        if (leftColumn is null)
        {
            (leftColumn, rightColumn, right) = (rightColumn!, null, left);
            operation = Mirror(operation);
        }

        return rightColumn is null
            ? CompareWithValue(node, leftColumn, operation, FilterContext.Evaluate(right), objectEquality)
            : CompareColumns(node, leftColumn, rightColumn, operation, objectEquality);
    }

    public string CompareWithValue(Expression node, FilterColumn column, ExpressionType operation, object? value, bool objectEquality)
    {
        if (value is null)
        {
            return operation switch
            {
                ExpressionType.Equal => $"({column.ValueGuard}{column.Sql} IS NULL)",
                ExpressionType.NotEqual => $"({column.Sql} IS NOT NULL)",
                _ => "0",
            };
        }

        if (column.IsCollection)
        {
            throw FilterContext.Unsupported(node, VectorStoreErrors.FilterCollectionEquality);
        }

        // NaN equals nothing, and a stored NaN cannot exist (SQLite stores it as NULL).
        var neverEqual = (objectEquality && value.GetType() != column.RuntimeType) || value is double.NaN or float.NaN;
        if (neverEqual)
        {
            return operation != ExpressionType.NotEqual ? "0" : column.RequiresValue ? $"({column.Sql} IS NOT NULL)" : "1";
        }

        var parameter = _operands.ValueSql(value, column);
        return operation switch
        {
            ExpressionType.Equal => $"({column.Sql} IS {parameter})",
            ExpressionType.NotEqual => $"({column.ValueGuard}{column.Sql} IS NOT {parameter})",
            _ => $"({column.Sql} IS NOT NULL AND {column.Sql} {SqlOperator(operation)} {parameter})",
        };
    }

    public static string CompareColumns(Expression node, FilterColumn left, FilterColumn right, ExpressionType operation, bool objectEquality)
    {
        if (left.IsCollection || right.IsCollection)
        {
            throw FilterContext.Unsupported(node, VectorStoreErrors.FilterCollectionEquality);
        }

        if (left.IsParsedFloatingPoint != right.IsParsedFloatingPoint && (left.IsFloatingPoint || right.IsFloatingPoint))
        {
            throw FilterContext.Unsupported(node, VectorStoreErrors.FilterFloatingElement);
        }

        var guard = left.ValueGuard + right.ValueGuard;
        if (objectEquality && left.RuntimeType != right.RuntimeType)
        {
            // Equals(a, b) of different types holds only when both are null.
            var bothNull = $"({left.Sql} IS NULL AND {right.Sql} IS NULL)";
            return operation == ExpressionType.NotEqual ? $"(NOT {bothNull})" : bothNull;
        }

        return operation switch
        {
            ExpressionType.Equal => $"({guard}{left.Sql} IS {right.Sql})",
            ExpressionType.NotEqual => $"({guard}{left.Sql} IS NOT {right.Sql})",
            _ => $"({left.Sql} IS NOT NULL AND {right.Sql} IS NOT NULL AND {left.Sql} {SqlOperator(operation)} {right.Sql})",
        };
    }

    /// <summary><c>a.Equals(b)</c>, <c>Equals(a, b)</c> and <c>string.Equals(a, b[, StringComparison.Ordinal])</c>.</summary>
    public string EqualsCall(MethodCallExpression call)
    {
        var method = call.Method;
        var arguments = call.Arguments;
        if (arguments.Count > 0 && arguments[^1].Type == typeof(StringComparison))
        {
            _context.RequireOrdinal(call, arguments[^1]);
            arguments = new System.Collections.ObjectModel.ReadOnlyCollection<Expression>([.. arguments.Take(arguments.Count - 1)]);
        }

        (var left, var right) = (call.Object, arguments) switch
        {
            ({ } target, [var other]) => (target, other),
            (null, [var first, var second]) => (first, second),
            _ => throw FilterContext.Unsupported(call, VectorStoreErrors.FilterMethod(FilterContext.MethodName(call))),
        };

        var declaring = method.DeclaringType;
        var isValueEquality = declaring == typeof(object) || declaring == typeof(string)
            || (declaring is not null && (SqliteValueConverter.IsSupported(declaring) || Nullable.GetUnderlyingType(declaring) is not null));
        if (!isValueEquality)
        {
            throw FilterContext.Unsupported(call, VectorStoreErrors.FilterMethod(FilterContext.MethodName(call)));
        }

        var objectEquality = method.GetParameters().Any(p => p.ParameterType == typeof(object));
        return Compare(call, left, right, ExpressionType.Equal, objectEquality);
    }

    /// <summary>Operators of the stored scalar types (string ==, DateTime &lt;, Guid &gt;, ...) mean what SQL compares.</summary>
    private static bool IsBuiltInOperator(MethodInfo method) =>
        method.Name is "op_Equality" or "op_Inequality" or "op_LessThan" or "op_LessThanOrEqual" or "op_GreaterThan" or "op_GreaterThanOrEqual"
        && method.DeclaringType is { } declaring && SqliteValueConverter.SupportedScalarTypes.Contains(declaring);

    private static ExpressionType Mirror(ExpressionType operation) => operation switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => operation,
    };

    private static string SqlOperator(ExpressionType operation) => operation switch
    {
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.GreaterThan => ">",
        _ => ">=",
    };
}
