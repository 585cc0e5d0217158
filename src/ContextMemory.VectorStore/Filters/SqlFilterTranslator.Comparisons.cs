using System.Linq.Expressions;
using System.Reflection;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

internal sealed partial class SqlFilterTranslator
{
    private string Comparison(BinaryExpression comparison)
    {
        if (comparison.Method is { } method && !IsBuiltInOperator(method))
        {
            throw Unsupported(comparison, VectorStoreErrors.FilterMethod($"{method.DeclaringType?.Name}.{method.Name}"));
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
        var leftColumn = FindColumn(left);
        var rightColumn = FindColumn(right);
        var leftIsValue = leftColumn is null && IsIndependent(left);
        var rightIsValue = rightColumn is null && IsIndependent(right);
        if ((leftColumn is null && !leftIsValue) || (rightColumn is null && !rightIsValue))
        {
            if (operation is ExpressionType.Equal or ExpressionType.NotEqual && left.Type == typeof(bool) && right.Type == typeof(bool))
            {
                return $"({Predicate(left)} {(operation == ExpressionType.Equal ? "=" : "<>")} {Predicate(right)})";
            }

            throw UnsupportedOperand(leftColumn is null && !leftIsValue ? left : right);
        }

        if (leftColumn is null)
        {
            (leftColumn, rightColumn, right) = (rightColumn!, null, left);
            operation = Mirror(operation);
        }

        return rightColumn is null
            ? CompareWithValue(node, leftColumn, operation, Evaluate(right), objectEquality)
            : CompareColumns(node, leftColumn, rightColumn, operation, objectEquality);
    }

    private string CompareWithValue(Expression node, FilterColumn column, ExpressionType operation, object? value, bool objectEquality)
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
            throw Unsupported(node, VectorStoreErrors.FilterCollectionEquality);
        }

        // NaN equals nothing, and a stored NaN cannot exist (SQLite stores it as NULL).
        var neverEqual = (objectEquality && value.GetType() != column.RuntimeType) || value is double.NaN or float.NaN;
        if (neverEqual)
        {
            return operation != ExpressionType.NotEqual ? "0" : column.RequiresValue ? $"({column.Sql} IS NOT NULL)" : "1";
        }

        var parameter = ValueSql(value, column);
        return operation switch
        {
            ExpressionType.Equal => $"({column.Sql} IS {parameter})",
            ExpressionType.NotEqual => $"({column.ValueGuard}{column.Sql} IS NOT {parameter})",
            _ => $"({column.Sql} IS NOT NULL AND {column.Sql} {SqlOperator(operation)} {parameter})",
        };
    }

    private static string CompareColumns(Expression node, FilterColumn left, FilterColumn right, ExpressionType operation, bool objectEquality)
    {
        if (left.IsCollection || right.IsCollection)
        {
            throw Unsupported(node, VectorStoreErrors.FilterCollectionEquality);
        }

        if (left.IsParsedFloatingPoint != right.IsParsedFloatingPoint && (left.IsFloatingPoint || right.IsFloatingPoint))
        {
            throw Unsupported(node, VectorStoreErrors.FilterFloatingElement);
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
    private string EqualsCall(MethodCallExpression call)
    {
        var method = call.Method;
        var arguments = call.Arguments;
        if (arguments.Count > 0 && arguments[^1].Type == typeof(StringComparison))
        {
            RequireOrdinal(call, arguments[^1]);
            arguments = new System.Collections.ObjectModel.ReadOnlyCollection<Expression>([.. arguments.Take(arguments.Count - 1)]);
        }

        (var left, var right) = (call.Object, arguments) switch
        {
            ({ } target, [var other]) => (target, other),
            (null, [var first, var second]) => (first, second),
            _ => throw Unsupported(call, VectorStoreErrors.FilterMethod(MethodName(call))),
        };

        var declaring = method.DeclaringType;
        var isValueEquality = declaring == typeof(object) || declaring == typeof(string)
            || (declaring is not null && (SqliteValueConverter.IsSupported(declaring) || Nullable.GetUnderlyingType(declaring) is not null));
        if (!isValueEquality)
        {
            throw Unsupported(call, VectorStoreErrors.FilterMethod(MethodName(call)));
        }

        var objectEquality = method.GetParameters().Any(p => p.ParameterType == typeof(object));
        return Compare(call, left, right, ExpressionType.Equal, objectEquality);
    }

    private void RequireOrdinal(Expression node, Expression comparison)
    {
        var value = IsIndependent(comparison) ? Evaluate(comparison) : null;
        if (value is not StringComparison.Ordinal)
        {
            throw Unsupported(node, VectorStoreErrors.FilterStringComparison(value));
        }
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
