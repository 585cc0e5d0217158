namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>Recall of an approximate result list against the exact one.</summary>
public static class Recall
{
    /// <summary>|approximate ∩ exact| / |exact|; 1 when both are empty.</summary>
    public static double Of<T>(IEnumerable<T> approximate, IReadOnlyCollection<T> exact)
    {
        if (exact.Count == 0)
        {
            return 1;
        }

        var truth = exact.ToHashSet();
        return (double)approximate.Distinct().Count(truth.Contains) / exact.Count;
    }
}
