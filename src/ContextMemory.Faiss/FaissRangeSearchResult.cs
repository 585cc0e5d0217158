namespace ContextMemory.Faiss;

/// <summary>
/// The hits of a range search: for each query, every id within the radius. Hits of one query are in
/// FAISS's order (not sorted by distance). Distances follow the index's <see cref="FaissMetric"/>.
/// </summary>
/// <remarks>Immutable, fully managed (the native result is copied and freed at once); safe to share across threads.</remarks>
public sealed class FaissRangeSearchResult
{
    private readonly long[] _limits;
    private readonly long[] _labels;
    private readonly float[] _distances;

    internal FaissRangeSearchResult(long[] limits, long[] labels, float[] distances)
    {
        _limits = limits;
        _labels = labels;
        _distances = distances;
    }

    /// <summary>Number of queries searched.</summary>
    public int QueryCount => _limits.Length - 1;

    /// <summary>Total hits over all queries.</summary>
    public long TotalCount => _labels.LongLength;

    /// <summary>The ids found for query <paramref name="query"/>.</summary>
    /// <param name="query">Zero-based query number.</param>
    /// <returns>The ids, aligned with <see cref="GetDistances(int)"/>.</returns>
    public ReadOnlySpan<long> GetIds(int query)
    {
        (var start, var length) = Slice(query);
        return _labels.AsSpan(start, length);
    }

    /// <summary>The distances of the hits of query <paramref name="query"/>.</summary>
    /// <param name="query">Zero-based query number.</param>
    /// <returns>The distances, aligned with <see cref="GetIds(int)"/>.</returns>
    public ReadOnlySpan<float> GetDistances(int query)
    {
        (var start, var length) = Slice(query);
        return _distances.AsSpan(start, length);
    }

    private (int Start, int Length) Slice(int query)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query, QueryCount);
        return ((int)_limits[query], (int)(_limits[query + 1] - _limits[query]));
    }
}
