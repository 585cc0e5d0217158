namespace ContextMemory.VectorData;

/// <summary>
/// One result of a vector or hybrid search: a record and its score.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Immutable and thread-safe (the record object itself is whatever the caller makes of it).</remarks>
public sealed class VectorSearchResult<TRecord>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorSearchResult{TRecord}"/> class.
    /// </summary>
    /// <param name="record">The record found.</param>
    /// <param name="score">The record's score against the search value, or <see langword="null"/> if the store returned none.</param>
    public VectorSearchResult(TRecord record, double? score)
    {
        Record = record;
        Score = score;
    }

    /// <summary>
    /// Gets the record found.
    /// </summary>
    public TRecord Record { get; }

    /// <summary>
    /// Gets the record's score against the search value.
    /// </summary>
    /// <remarks>
    /// The meaning follows the searched property's <see cref="DistanceFunction"/>: a similarity (for example
    /// <see cref="DistanceFunction.CosineSimilarity"/>, in [-1, 1]) where higher is closer, or a distance (for example
    /// <see cref="DistanceFunction.EuclideanDistance"/>, from 0 upwards) where lower is closer. Scores from different distance
    /// functions or different stores are not comparable.
    /// </remarks>
    public double? Score { get; }
}
