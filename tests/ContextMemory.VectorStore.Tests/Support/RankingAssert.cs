using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>Assertions comparing a search result list with the oracle ranking.</summary>
public static class RankingAssert
{
    /// <summary>
    /// Asserts that <paramref name="results"/> (key, reported score) holds exactly min(top, candidates - skip) distinct
    /// candidates, best first, each with its oracle score, and each as good as the oracle's result at the same rank,
    /// within <paramref name="tolerance"/> (a function of the score's magnitude): ties and quantisation may swap
    /// neighbours, but no better record may be missed.
    /// </summary>
    public static void Matches<TKey>(
        IReadOnlyList<(TKey Key, double Score)> results, IReadOnlyList<Scored<TKey>> oracle, int top, int skip,
        string distanceFunction, Func<double, double> tolerance)
        where TKey : notnull
    {
        Assert.Equal(Math.Clamp(oracle.Count - skip, 0, top), results.Count);
        var truth = oracle.ToDictionary(s => s.Item, s => s.Score);
        Assert.Equal(results.Count, results.Select(r => r.Key).Distinct().Count());
        for (var i = 0; i < results.Count; i++)
        {
            var (key, reported) = results[i];
            Assert.True(truth.TryGetValue(key, out var expected), $"result {i} ({key}) is not a candidate");
            Assert.True(Math.Abs(expected - reported) <= tolerance(expected), $"result {i}: score {reported}, oracle {expected}");
            var best = oracle[skip + i].Score;
            Assert.False(
                Scoring.Better(distanceFunction, best, expected) && Math.Abs(best - expected) > tolerance(best),
                $"result {i} scores {expected} where the oracle's result at that rank scores {best}");
            if (i > 0)
            {
                var previous = results[i - 1].Score;
                Assert.False(
                    Scoring.Better(distanceFunction, reported, previous) && Math.Abs(reported - previous) > 1e-6,
                    $"result {i} ({reported}) ranks below a worse result ({previous})");
            }
        }
    }

    /// <summary>The (key, score) pairs of search results.</summary>
    public static List<(TKey Key, double Score)> Pairs<TKey, TRecord>(IEnumerable<VectorSearchResult<TRecord>> results, Func<TRecord, TKey> keyOf)
        where TRecord : class =>
        [.. results.Select(r => (keyOf(r.Record), r.Score!.Value))];
}
