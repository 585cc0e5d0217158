namespace ContextMemory.Faiss.Tests.Support;

public static class Recall
{
    /// <summary>Mean over queries of |approximate top-k ∩ exact top-k| / k.</summary>
    public static double AtK(ReadOnlySpan<long> approximate, ReadOnlySpan<long> exact, int queries, int k)
    {
        double total = 0;
        for (var q = 0; q < queries; q++)
        {
            var truth = new HashSet<long>(exact.Slice(q * k, k).ToArray());
            var hits = 0;
            foreach (var id in approximate.Slice(q * k, k))
            {
                if (truth.Contains(id))
                {
                    hits++;
                }
            }

            total += (double)hits / k;
        }

        return total / queries;
    }

    public static long[] SearchLabels(FaissIndex index, ClusteredData data, int k, FaissSearchOptions? options = null)
    {
        var distances = new float[data.QueryCount * k];
        var labels = new long[data.QueryCount * k];
        index.Search(data.Queries, k, distances, labels, options);
        return labels;
    }
}
