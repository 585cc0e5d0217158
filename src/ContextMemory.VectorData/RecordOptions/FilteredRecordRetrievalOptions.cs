using System.Linq.Expressions;

namespace ContextMemory.VectorData;

/// <summary>
/// Options for <see cref="VectorStoreCollection{TKey, TRecord}.GetAsync(Expression{Func{TRecord, bool}}, int, FilteredRecordRetrievalOptions{TRecord}?, CancellationToken)"/>.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>A plain options object; not thread-safe to mutate while a query that uses it is running.</remarks>
public sealed partial class FilteredRecordRetrievalOptions<TRecord>
{
    private int _skip;

    /// <summary>
    /// Gets or sets how many matching records to skip before returning any; for paging (combine with <see cref="OrderBy"/> for stable pages).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Skip
    {
        get => _skip;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _skip = value;
        }
    }

    /// <summary>
    /// Gets or sets the ordering, built by chaining on the definition passed in:
    /// <c>o =&gt; o.Descending(r =&gt; r.CreatedAt).Ascending(r =&gt; r.Title)</c>. When <see langword="null"/> the order is unspecified.
    /// </summary>
    public Func<OrderByDefinition, OrderByDefinition>? OrderBy { get; set; }

    /// <summary>
    /// Gets or sets whether the records returned include their vectors. Defaults to <see langword="false"/>.
    /// </summary>
    public bool IncludeVectors { get; set; }
}
