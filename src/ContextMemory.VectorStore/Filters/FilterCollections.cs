using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Collections in a translated filter: <c>Contains</c> of a property in a captured collection, and <c>Contains</c>,
/// <c>Any</c> and <c>All</c> over a collection-valued (tag) property, stored as a JSON array and read through <c>json_each</c>.
/// </summary>
internal sealed class FilterCollections
{
    private readonly FilterContext _context;
    private readonly FilterOperands _operands;
    private readonly FilterComparisons _comparisons;
    private readonly Func<Expression, string> _predicate;

    /// <param name="context">The translation's state.</param>
    /// <param name="operands">Resolves columns and binds values.</param>
    /// <param name="comparisons">Compares an element with a value or a column.</param>
    /// <param name="predicate">Translates the body of an <c>Any</c> / <c>All</c> lambda.</param>
    public FilterCollections(FilterContext context, FilterOperands operands, FilterComparisons comparisons, Func<Expression, string> predicate)
    {
        _context = context;
        _operands = operands;
        _comparisons = comparisons;
        _predicate = predicate;
    }

    /// <summary><c>r.Tags.Contains(x)</c>: some element of the stored JSON array equals the item.</summary>
    public string PropertyContains(Expression node, Expression source, Expression item, Type itemType)
    {
        var (collection, element, alias) = CollectionColumn(source);
        var match = _context.IsIndependent(item)
            ? _comparisons.CompareWithValue(node, element, ExpressionType.Equal, FilterContext.Evaluate(item), UsesObjectEquality(itemType))
            : FilterComparisons.CompareColumns(node, element, _operands.FindColumn(item) ?? throw FilterContext.UnsupportedOperand(item), ExpressionType.Equal, UsesObjectEquality(itemType));
        return $"(EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias} WHERE {match}))";
    }

    /// <summary><c>captured.Contains(r.Name)</c>: the stored value is one of the collection's values (null included).</summary>
    public string CapturedContains(Expression node, Expression source, Expression item, Type itemType)
    {
        var column = _operands.FindColumn(item) ?? throw FilterContext.UnsupportedOperand(item);
        if (column.IsCollection)
        {
            throw FilterContext.Unsupported(node, VectorStoreErrors.FilterCollectionEquality);
        }

        var values = FilterContext.Evaluate(source) as IEnumerable ?? throw FilterContext.Unsupported(source, VectorStoreErrors.FilterNullArgument);
        if (!CollectionEquality.IsDefault(values))
        {
            throw FilterContext.Unsupported(source, VectorStoreErrors.FilterCustomComparer);
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

        return $"({Membership(column, candidates)} OR ({column.Sql} IS NULL AND {_context.AddParameter(SqliteValueConverter.ToStorage(hasNull))}))";
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

            var names = values.Select(v => _context.AddParameter(SqliteValueConverter.ToStorage(v))).ToList();
            while ((names.Count & (names.Count - 1)) != 0)
            {
                names.Add(names[^1]);
            }

            return $"({column.Sql} IS NOT NULL AND {column.Sql} IN ({string.Join(", ", names)}))";
        }

        var stored = column.IsParsedFloatingPoint
            ? values.Select(v => (object?)Convert.ToDouble(v, CultureInfo.InvariantCulture)).Where(v => double.IsFinite((double)v!)).ToList()
            : values.Select(v => (object?)SqliteValueConverter.ElementToStorage(v)).ToList();
        var array = _context.AddParameter(SqliteValueConverter.ToStorage(stored));
        return $"({column.Sql} IS NOT NULL AND {column.Sql} IN (SELECT value FROM json_each({array})))";
    }

    /// <summary><c>r.Tags.Any()</c>, <c>r.Tags.Any(t =&gt; ...)</c> and <c>r.Tags.All(t =&gt; ...)</c> over the stored JSON array.</summary>
    public string Quantifier(MethodCallExpression call)
    {
        var source = call.Arguments[0];
        if (_context.IsIndependent(source))
        {
            throw FilterContext.Unsupported(call, VectorStoreErrors.FilterCollectionSource);
        }

        var (collection, element, alias) = CollectionColumn(source);
        if (call.Arguments.Count == 1)
        {
            return $"(EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias}))";
        }

        var argument = call.Arguments[1] is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : call.Arguments[1];
        if (argument is not LambdaExpression { Parameters: [var parameter] } lambda || parameter.Type != element.ValueType)
        {
            throw FilterContext.Unsupported(call, VectorStoreErrors.FilterCollectionSource);
        }

        _context.EnterElement(parameter, element);
        string body;
        try
        {
            body = _predicate(lambda.Body);
        }
        finally
        {
            _context.LeaveElement(parameter);
        }

        return call.Method.Name == "Any"
            ? $"(EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias} WHERE {body}))"
            : $"({collection.Sql} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each({collection.Sql}) AS {alias} WHERE NOT {body}))";
    }

    /// <summary>A collection property and a fresh element scope over it.</summary>
    private (FilterColumn Collection, FilterColumn Element, string Alias) CollectionColumn(Expression source)
    {
        var collection = _operands.FindColumn(source) ?? throw FilterContext.UnsupportedOperand(source);
        var elementType = collection.ElementType ?? throw FilterContext.Unsupported(source, VectorStoreErrors.FilterCollectionSource);
        var alias = _context.NextAlias();
        return (collection, new FilterColumn(alias + ".value", elementType, elementType, IsElement: true), alias);
    }

    /// <summary>Contains over object (or another non-sealed reference type) compares with the values' own Equals.</summary>
    private static bool UsesObjectEquality(Type itemType) => !itemType.IsValueType && itemType != typeof(string);
}
