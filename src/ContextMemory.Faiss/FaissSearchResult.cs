using System.Collections.ObjectModel;

namespace ContextMemory.Faiss;

/// <summary>
/// The hits of one query, best first, with empty slots (FAISS label -1) removed. Distances mean what
/// <see cref="FaissMetric"/> says for the index's metric: squared L2 (lower is closer), or inner product /
/// cosine similarity (higher is closer).
/// </summary>
/// <remarks>Immutable; safe to share across threads.</remarks>
public sealed class FaissSearchResult
{
    private readonly ReadOnlyCollection<long> _ids;
    private readonly ReadOnlyCollection<float> _distances;

    internal FaissSearchResult(long[] ids, float[] distances)
    {
        _ids = Array.AsReadOnly(ids);
        _distances = Array.AsReadOnly(distances);
    }

    /// <summary>An empty result.</summary>
    public static FaissSearchResult Empty { get; } = new([], []);

    /// <summary>Number of hits (at most k; fewer when fewer vectors qualify).</summary>
    public int Count => _ids.Count;

    /// <summary>The caller ids of the hits, best first.</summary>
    public IReadOnlyList<long> Ids => _ids;

    /// <summary>The distance of each hit, aligned with <see cref="Ids"/>.</summary>
    public IReadOnlyList<float> Distances => _distances;

    /// <summary>Builds a result from FAISS's k slots, dropping the slots labelled -1.</summary>
    internal static FaissSearchResult FromSlots(ReadOnlySpan<long> labels, ReadOnlySpan<float> distances)
    {
        var count = 0;
        foreach (var label in labels)
        {
            if (label != -1)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return Empty;
        }

        var ids = new long[count];
        var scores = new float[count];
        var next = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != -1)
            {
                ids[next] = labels[i];
                scores[next] = distances[i];
                next++;
            }
        }

        return new FaissSearchResult(ids, scores);
    }
}
