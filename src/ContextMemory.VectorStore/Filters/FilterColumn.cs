using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// A stored value a filter reads: a key or data column of the record, or the element of a collection property
/// that <c>json_each</c> produces inside <c>Any</c>, <c>All</c> or <c>Contains</c>.
/// </summary>
/// <param name="Sql">The SQL expression that reads it (<c>r.p3</c>, <c>j0.value</c>).</param>
/// <param name="StoredType">The CLR type of the values held there (the property type, or the element type).</param>
/// <param name="ViewType">The type the filter expression reads it as, after the conversions it applies.</param>
/// <param name="IsElement">Whether the value is a collection element parsed from stored JSON.</param>
internal sealed record FilterColumn(string Sql, Type StoredType, Type ViewType, bool IsElement)
{
    /// <summary>The stored type without <see cref="Nullable{T}"/>: the runtime type of a non-null value.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(StoredType) ?? StoredType;

    /// <summary>The runtime type of a non-null value as the filter sees it: the stored type, or the value type it was converted to.</summary>
    public Type RuntimeType => ConvertedType ?? ValueType;

    /// <summary>The last value type the filter converted the value to (exact widening), if any.</summary>
    public Type? ConvertedType { get; init; }

    /// <summary>
    /// Whether the filter reads the value as non-nullable (<c>.Value</c>, a cast to <c>T</c>): C# throws on null there,
    /// and the comparison is then false for a null.
    /// </summary>
    public bool RequiresValue { get; init; }

    /// <summary><c>"col IS NOT NULL AND "</c> when <see cref="RequiresValue"/>, for prefixing a comparison.</summary>
    public string ValueGuard => RequiresValue ? $"{Sql} IS NOT NULL AND " : string.Empty;

    /// <summary>Whether the column holds a collection (a JSON array).</summary>
    public bool IsCollection => SqliteValueConverter.TryGetElementType(ValueType, out _);

    public bool IsFloatingPoint => ValueType == typeof(double) || ValueType == typeof(float);

    /// <summary>
    /// Floating-point collection elements come from SQLite's parse of the stored JSON text, which is not always
    /// the nearest double; values compared with them are sent through the same encoding and parser.
    /// </summary>
    public bool IsParsedFloatingPoint => IsElement && IsFloatingPoint;

    /// <summary>The element type of a collection column.</summary>
    public Type? ElementType => SqliteValueConverter.TryGetElementType(ValueType, out var element) ? element : null;
}
