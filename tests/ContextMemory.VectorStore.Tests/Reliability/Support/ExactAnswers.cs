using ContextMemory.VectorStore.Tests.Reliability.Protocol;

namespace ContextMemory.VectorStore.Tests.Reliability.Support;

/// <summary>Exact nearest neighbours by squared L2 over records read from the database, and comparisons with search results.</summary>
public static class ExactAnswers
{
    /// <summary>The <paramref name="top"/> nearest records (<see cref="BruteForce.TopK"/>), ties by id.</summary>
    public static List<(long Id, float Distance)> Nearest(IEnumerable<ReliabilityRecord> records, ReadOnlySpan<float> query, int top)
    {
        var scored = new List<(long Id, float Distance)>();
        foreach (var record in records.OrderBy(r => r.Id))
        {
            scored.Add((record.Id, BruteForce.SquaredL2(query, record.Embedding.Span)));
        }

        return [.. BruteForce.TopK(scored, top, higherIsBetter: false)];
    }

    /// <summary>
    /// Null when <paramref name="actual"/> is the exact answer: the same ids in order, or, where distances tie, the same
    /// distances; otherwise a description of the first difference.
    /// </summary>
    public static string? Difference(IReadOnlyList<(long Id, float Distance)> expected, IReadOnlyList<(long Id, double Distance)> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"{actual.Count} results where brute force has {expected.Count}";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var tolerance = 1e-4 * Math.Max(1, expected[i].Distance);
            if (Math.Abs(expected[i].Distance - actual[i].Distance) > tolerance)
            {
                return $"rank {i}: id {actual[i].Id} at {actual[i].Distance} where brute force has id {expected[i].Id} at {expected[i].Distance}";
            }

            if (expected[i].Id != actual[i].Id && !expected.Any(e => e.Id == actual[i].Id && Math.Abs(e.Distance - actual[i].Distance) <= tolerance))
            {
                return $"rank {i}: id {actual[i].Id} where brute force has id {expected[i].Id}";
            }
        }

        return null;
    }
}
