namespace ContextMemory.Evaluation;

/// <summary>
/// The arithmetic of the evaluation. Each question contributes the 1-based rank of its first relevant hit (null when
/// none was returned): recall@k is the share of questions with a relevant hit in the first k (recall_any), MRR the mean
/// of 1/rank (0 for a miss).
/// </summary>
internal static class RetrievalMetrics
{
    /// <summary>The share of <paramref name="ranks"/> at or above <paramref name="k"/>; 0 for no questions.</summary>
    public static double RecallAt(IReadOnlyList<int?> ranks, int k) =>
        ranks.Count == 0 ? 0 : ranks.Count(r => r <= k) / (double)ranks.Count;

    /// <summary>The mean reciprocal rank; 0 for no questions.</summary>
    public static double MeanReciprocalRank(IReadOnlyList<int?> ranks) =>
        ranks.Count == 0 ? 0 : ranks.Sum(r => r is { } rank ? 1.0 / rank : 0) / ranks.Count;

    /// <summary>The 1-based position of the first hit that is evidence, or null.</summary>
    public static int? FirstRelevantRank(IReadOnlyList<IReadOnlySet<string>> hitTurns, IReadOnlyList<string> evidence)
    {
        for (var i = 0; i < hitTurns.Count; i++)
        {
            if (evidence.Any(hitTurns[i].Contains))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>The result of one configuration from its questions' ranks.</summary>
    public static EvaluationResult Summarize(string name, IReadOnlyList<int?> ranks) => new()
    {
        Name = name,
        Questions = ranks.Count,
        RecallAt1 = RecallAt(ranks, 1),
        RecallAt5 = RecallAt(ranks, 5),
        RecallAt10 = RecallAt(ranks, 10),
        Mrr = MeanReciprocalRank(ranks),
    };
}
