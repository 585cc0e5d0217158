using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

internal sealed partial class SqlFilterTranslator
{
    private string Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (ContainsCall.TryMatch(call, out var contains))
        {
            if (contains.Comparer is { } comparer && (!IsIndependent(comparer) || Evaluate(comparer) is not null))
            {
                throw Unsupported(call, VectorStoreErrors.FilterCustomComparer);
            }

            return contains.Source is null
                ? throw Unsupported(call, VectorStoreErrors.FilterCollectionSource)
                : IsIndependent(contains.Source)
                    ? CapturedContains(call, contains.Source, contains.Item, contains.ElementType)
                    : PropertyContains(call, contains.Source, contains.Item, contains.ElementType);
        }

        if (method.DeclaringType == typeof(Enumerable) && method.Name is "Any" or "All")
        {
            return Quantifier(call);
        }

        if (method.DeclaringType == typeof(string) && method.Name is "StartsWith" or "EndsWith" or "Contains" or "IsNullOrEmpty")
        {
            return StringCall(call);
        }

        return method.Name == "Equals"
            ? EqualsCall(call)
            : throw Unsupported(call, VectorStoreErrors.FilterMethod(MethodName(call)));
    }

    /// <summary><c>r.Tags.Contains(x)</c>: some element of the stored JSON array equals the item.</summary>
    private string PropertyContains(Expression node, Expression source, Expression item, Type itemType)
    {
        var (collection, element, alias) = CollectionColumn(source);
        var match = IsIndependent(item)
            ? CompareWithValue(node, element, ExpressionType.Equal, Evaluate(item), UsesObjectEquality(itemType))
            : CompareColumns(node, element, FindColumn(item) ?? throw UnsupportedOperand(item), ExpressionType.Equal, UsesObjectEquality(itemType));
        return $"(EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias} WHERE {match}))";
    }

    /// <summary><c>captured.Contains(r.Name)</c>: the stored value is one of the collection's values (null included).</summary>
    private string CapturedContains(Expression node, Expression source, Expression item, Type itemType)
    {
        var column = FindColumn(item) ?? throw UnsupportedOperand(item);
        if (column.IsCollection)
        {
            throw Unsupported(node, VectorStoreErrors.FilterCollectionEquality);
        }

        var values = Evaluate(source) as IEnumerable ?? throw Unsupported(source, VectorStoreErrors.FilterNullArgument);
        if (!CollectionEquality.IsDefault(values))
        {
            throw Unsupported(source, VectorStoreErrors.FilterCustomComparer);
        }

        var objectEquality = UsesObjectEquality(itemType);
        var hasNull = false;
        var candidates = new List<object>();
        foreach (var value in values)
        {
            if (value is null)
            {
                hasNull = true;
            }
            else if ((!objectEquality || value.GetType() == column.RuntimeType) && value is not (double.NaN or float.NaN))
            {
                candidates.Add(value);
            }
        }

        return $"({Membership(column, candidates)} OR ({column.Sql} IS NULL AND {AddParameter(SqliteValueConverter.ToStorage(hasNull))}))";
    }

    /// <summary>
    /// Tests a non-null column against non-null values. The values travel as one JSON array parameter (so the SQL text does
    /// not depend on how many there are), except for exactly stored floating-point columns: SQLite's JSON number parser
    /// does not always return the nearest double, so those values are bound one by one (padded to a power of two).
    /// </summary>
    private string Membership(FilterColumn column, List<object> values)
    {
        if (column.IsFloatingPoint && !column.IsElement)
        {
            if (values.Count == 0)
            {
                return "0";
            }

            var names = values.Select(v => AddParameter(SqliteValueConverter.ToStorage(v))).ToList();
            while ((names.Count & (names.Count - 1)) != 0)
            {
                names.Add(names[^1]);
            }

            return $"({column.Sql} IS NOT NULL AND {column.Sql} IN ({string.Join(", ", names)}))";
        }

        var stored = column.IsParsedFloatingPoint
            ? values.Select(v => (object?)Convert.ToDouble(v, CultureInfo.InvariantCulture)).Where(v => double.IsFinite((double)v!)).ToList()
            : values.Select(v => (object?)SqliteValueConverter.ElementToStorage(v)).ToList();
        var array = AddParameter(SqliteValueConverter.ToStorage(stored));
        return $"({column.Sql} IS NOT NULL AND {column.Sql} IN (SELECT value FROM json_each({array})))";
    }

    /// <summary><c>r.Tags.Any()</c>, <c>r.Tags.Any(t =&gt; ...)</c> and <c>r.Tags.All(t =&gt; ...)</c> over the stored JSON array.</summary>
    private string Quantifier(MethodCallExpression call)
    {
        var source = call.Arguments[0];
        if (IsIndependent(source))
        {
            throw Unsupported(call, VectorStoreErrors.FilterCollectionSource);
        }

        var (collection, element, alias) = CollectionColumn(source);
        if (call.Arguments.Count == 1)
        {
            return $"(EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias}))";
        }

        var argument = call.Arguments[1] is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : call.Arguments[1];
        if (argument is not LambdaExpression { Parameters: [var parameter] } lambda || parameter.Type != element.ValueType)
        {
            throw Unsupported(call, VectorStoreErrors.FilterCollectionSource);
        }

        _elements.Add(parameter, element);
        string body;
        try
        {
            body = Predicate(lambda.Body);
        }
        finally
        {
            _elements.Remove(parameter);
        }

        return call.Method.Name == "Any"
            ? $"(EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias} WHERE {body}))"
            : $"({collection.Sql} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias} WHERE NOT {body}))";
    }

    /// <summary>A collection property and a fresh element scope over it.</summary>
    private (FilterColumn Collection, FilterColumn Element, string Alias) CollectionColumn(Expression source)
    {
        var collection = FindColumn(source) ?? throw UnsupportedOperand(source);
        var elementType = collection.ElementType ?? throw Unsupported(source, VectorStoreErrors.FilterCollectionSource);
        var alias = NextAlias();
        return (collection, new FilterColumn(alias + ".value", elementType, elementType, IsElement: true), alias);
    }

    /// <summary>Contains over object (or another non-sealed reference type) compares with the values' own Equals.</summary>
    private static bool UsesObjectEquality(Type itemType) => !itemType.IsValueType && itemType != typeof(string);
}
