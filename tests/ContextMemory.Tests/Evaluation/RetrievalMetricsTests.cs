using ContextMemory.Evaluation;

namespace ContextMemory.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    private static readonly int?[] Ranks = [1, 3, null, 7, 2];

    [Fact]
    public void Recall_at_k_is_the_share_of_questions_with_a_relevant_hit_in_the_first_k()
    {
        Assert.Equal(1 / 5.0, RetrievalMetrics.RecallAt(Ranks, 1));
        Assert.Equal(3 / 5.0, RetrievalMetrics.RecallAt(Ranks, 5));
        Assert.Equal(4 / 5.0, RetrievalMetrics.RecallAt(Ranks, 10));
    }

    [Fact]
    public void Mrr_is_the_mean_reciprocal_rank_with_zero_for_a_miss()
    {
        Assert.Equal((1 + (1 / 3.0) + 0 + (1 / 7.0) + (1 / 2.0)) / 5, RetrievalMetrics.MeanReciprocalRank(Ranks), 12);
    }

    [Fact]
    public void No_questions_give_zeros_rather_than_nan()
    {
        Assert.Equal(0, RetrievalMetrics.RecallAt([], 10));
        Assert.Equal(0, RetrievalMetrics.MeanReciprocalRank([]));
    }

    [Fact]
    public void The_rank_is_that_of_the_first_hit_holding_any_evidence_turn()
    {
        IReadOnlySet<string>[] hits = [new HashSet<string> { "x" }, new HashSet<string> { "a", "b" }, new HashSet<string> { "c" }];

        Assert.Equal(2, RetrievalMetrics.FirstRelevantRank(hits, ["c", "b"]));
        Assert.Null(RetrievalMetrics.FirstRelevantRank(hits, ["z"]));
    }

    [Fact]
    public void A_summary_carries_every_figure_under_the_configurations_name()
    {
        var result = RetrievalMetrics.Summarize("c", Ranks);

        Assert.Equal(("c", 5, 0.2, 0.6, 0.8), (result.Name, result.Questions, result.RecallAt1, result.RecallAt5, result.RecallAt10));
        Assert.Equal(RetrievalMetrics.MeanReciprocalRank(Ranks), result.Mrr);
    }
}
