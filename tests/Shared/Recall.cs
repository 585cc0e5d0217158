namespace ContextMemory.Tests.Shared;

/// <summary>Recall of approximate search results against the exact ones.</summary>
internal static class Recall
{
    /// <summary>|approximate ∩ exact| / |exact| for one query; 1 when both are empty.</summary>
    public static double Of<T>(IEnumerable<T> approximate, IReadOnlyCollection<T> exact)
    {
        if (exact.Count == 0)
        {
            return 1;
        }

        var truth = exact.ToHashSet();
        return (double)approximate.Distinct().Count(truth.Contains) / exact.Count;
    }

    /// <summary>Mean over <paramref name="queries"/> queries of |approximate top-k ∩ exact top-k| / k, both laid out k ids per query.</summary>
    public static double AtK(ReadOnlySpan<long> approximate, ReadOnlySpan<long> exact, int queries, int k)
    {
        double total = 0;
        for (var q = 0; q < queries; q++)
        {
            total += Of(approximate.Slice(q * k, k).ToArray(), exact.Slice(q * k, k).ToArray());
        }

        return total / queries;
    }
}
