using System.Linq.Expressions;

namespace ContextMemory.VectorData;

/// <summary>
/// Options for <see cref="IVectorSearchable{TRecord}.SearchAsync"/>.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>A plain options object; not thread-safe to mutate while a search that uses it is running.</remarks>
public class VectorSearchOptions<TRecord>
{
    private int _skip;

    /// <summary>
    /// Gets or sets a pre-filter: the search returns the closest records among those matching it (not the closest records, then filtered).
    /// </summary>
    public Expression<Func<TRecord, bool>>? Filter { get; set; }

    /// <summary>
    /// Gets or sets the vector property to search, as a selector such as <c>r =&gt; r.Embedding</c> (or <c>r =&gt; r["Embedding"]</c>
    /// for dynamic records). Needed only when the record has several vector properties.
    /// </summary>
    public Expression<Func<TRecord, object?>>? VectorProperty { get; set; }

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
    /// Gets or sets whether the records returned include their vectors. Defaults to <see langword="false"/>;
    /// <see langword="true"/> throws <see cref="NotSupportedException"/> when a vector property is embedded.
    /// </summary>
    public bool IncludeVectors { get; set; }

    /// <summary>
    /// Gets or sets a score threshold. For similarity functions (higher is closer) results scoring below it are dropped;
    /// for distance functions (lower is closer) results scoring above it are dropped.
    /// </summary>
    public double? ScoreThreshold { get; set; }
}
