namespace ContextMemory.VectorStore.Search;

/// <summary>
/// Reciprocal rank fusion: each ranking contributes 1 / (<see cref="K"/> + rank) for every item it holds (rank from 1);
/// items are ordered by the sum. Scores are comparable only within one fusion.
/// </summary>
internal static class ReciprocalRankFusion
{
    /// <summary>The damping constant of the original formulation.</summary>
    public const int K = 60;

    public static List<(long Id, double Score)> Fuse(params IReadOnlyList<long>[] rankings)
    {
        var scores = new Dictionary<long, double>();
        var firstSeen = new Dictionary<long, int>();
        var order = 0;
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var id = ranking[rank];
                scores[id] = scores.GetValueOrDefault(id) + (1.0 / (K + rank + 1));
                firstSeen.TryAdd(id, order++);
            }
        }

        // Ties (equal sums) keep the order in which the rankings first listed the items, so results are deterministic.
        return [.. scores.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => firstSeen[p.Key])];
    }
}
