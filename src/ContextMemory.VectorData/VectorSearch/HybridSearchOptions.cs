using System.Linq.Expressions;

namespace ContextMemory.VectorData;

/// <summary>
/// Options for <see cref="IKeywordHybridSearchable{TRecord}.HybridSearchAsync"/>.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>A plain options object; not thread-safe to mutate while a search that uses it is running.</remarks>
public class HybridSearchOptions<TRecord>
{
    private int _skip;

    /// <summary>
    /// Gets or sets a pre-filter: the search ranks only the records matching it.
    /// </summary>
    public Expression<Func<TRecord, bool>>? Filter { get; set; }

    /// <summary>
    /// Gets or sets the vector property to search; needed only when the record has several vector properties.
    /// </summary>
    public Expression<Func<TRecord, object?>>? VectorProperty { get; set; }

    /// <summary>
    /// Gets or sets the full-text-indexed data property to match the keywords against; defaults to the single
    /// full-text-indexed <see cref="string"/> property, and must be set when there are several.
    /// </summary>
    public Expression<Func<TRecord, object?>>? AdditionalProperty { get; set; }

    /// <summary>
    /// Gets or sets how many of the best results to skip before returning any; for paging.
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
    /// Gets or sets whether the records returned include their vectors. Defaults to <see langword="false"/>.
    /// </summary>
    public bool IncludeVectors { get; set; }

    /// <summary>
    /// Gets or sets a threshold on the combined hybrid score; results scoring worse than it are dropped.
    /// </summary>
    public double? ScoreThreshold { get; set; }
}
