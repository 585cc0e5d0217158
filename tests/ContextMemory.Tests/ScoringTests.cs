using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>The scoring formulas, checked number by number with a fake clock and vector-only retrieval.</summary>
public sealed class ScoringTests : IDisposable
{
    private const string Query = "garden roses bloom in june";
    private const string EpisodeText = "we planted roses in the garden";
    private const string FactText = "ann loves garden roses";
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    // The seed's pure product (the shipped defaults soften importance and floor recency: docs/evaluation.md).
    private readonly MemoryHarness _harness = new(new MemoryServiceOptions { Retrieval = RetrievalMode.Vector, Scoring = { ImportanceWeight = 1, RecencyFloor = 0 } });

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task The_default_score_is_similarity_times_importance_times_the_seeds_exponential_recency()
    {
        await RememberBothAsync();
        _harness.Time.Advance(TimeSpan.FromDays(10));

        var hits = await RecallAsync();
        var episode = hits.Single(h => h.Memory.Kind == MemoryKind.Episode);
        var fact = hits.Single(h => h.Memory.Kind == MemoryKind.Fact);
        var c = episode.Components!;

        Assert.Equal(Cosine.OfWords(Query, EpisodeText), c.Similarity, 6);
        Assert.Equal(c.Similarity, c.Relevance);
        Assert.Equal(0.6, c.Importance);
        Assert.Equal(Math.Exp(-0.05 * 13), c.Recency, 12);
        Assert.Equal(c.Similarity * 0.6 * Math.Exp(-0.05 * 13), episode.Score, 12);
        Assert.Equal(1, fact.Components!.Recency);
        Assert.Equal(fact.Components.Similarity * 0.4, fact.Score, 12);
        Assert.Equal(Cosine.OfWords(Query, FactText), fact.Components.Similarity, 6);
    }

    [Fact]
    public async Task Recency_decays_continuously_with_the_clock_and_a_floor_stops_it()
    {
        await RememberBothAsync();
        _harness.Time.Advance(TimeSpan.FromHours(36));
        var later = (await RecallAsync()).Single(h => h.Memory.Kind == MemoryKind.Episode);

        Assert.Equal(Math.Exp(-0.05 * 4.5), later.Components!.Recency, 12);

        await _harness.ReopenAsync(new MemoryServiceOptions { Retrieval = RetrievalMode.Vector, Scoring = { RecencyFloor = 0.5 } });
        _harness.Time.Advance(TimeSpan.FromDays(100));
        var old = (await RecallAsync()).Single(h => h.Memory.Kind == MemoryKind.Episode);

        Assert.Equal(0.5, old.Components!.Recency);
    }

    [Fact]
    public async Task Weights_are_exponents_of_the_product()
    {
        await _harness.ReopenAsync(new MemoryServiceOptions
        {
            Retrieval = RetrievalMode.Vector,
            Scoring = { RelevanceWeight = 2, ImportanceWeight = 0, RecencyWeight = 0.5, DecayPerDay = 0.1, RecencyFloor = 0 },
        });
        await RememberBothAsync();

        var episode = (await RecallAsync()).Single(h => h.Memory.Kind == MemoryKind.Episode);
        var c = episode.Components!;

        Assert.Equal(Math.Exp(-0.1 * 3), c.Recency, 12);
        Assert.Equal(Math.Pow(c.Relevance, 2) * Math.Pow(c.Recency, 0.5), episode.Score, 12);
    }

    [Fact]
    public async Task The_generative_agents_score_is_a_weighted_sum_of_min_max_normalised_components()
    {
        await _harness.ReopenAsync(new MemoryServiceOptions
        {
            Retrieval = RetrievalMode.Vector,
            UpdateLastAccessedOnRecall = false,
            Scoring = { Method = ScoringMethod.GenerativeAgents, RelevanceWeight = 1, ImportanceWeight = 2, RecencyWeight = 3 },
        });
        await RememberBothAsync();
        _harness.Time.Advance(TimeSpan.FromHours(1));
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "roses need water in june", Importance = 0.9 });
        _harness.Time.Advance(TimeSpan.FromHours(10));

        var hits = await RecallAsync();
        var relevance = hits.Select(h => h.Components!.Relevance).ToList();
        var importance = hits.Select(h => h.Components!.Importance).ToList();
        var recency = hits.Select(h => h.Components!.Recency).ToList();

        Assert.Equal(3, hits.Count);
        Assert.Equal(Math.Pow(0.995, 10), hits.Single(h => h.Memory.Text.StartsWith("roses", StringComparison.Ordinal)).Components!.Recency, 12);
        Assert.Equal(Math.Pow(0.995, 11), hits.Single(h => h.Memory.Kind == MemoryKind.Episode).Components!.Recency, 12);
        for (var i = 0; i < hits.Count; i++)
        {
            var expected = Norm(relevance, i) + (2 * Norm(importance, i)) + (3 * Norm(recency, i));
            Assert.Equal(expected, hits[i].Score, 12);
        }

        static double Norm(List<double> values, int i) => (values[i] - values.Min()) / (values.Max() - values.Min());
    }

    [Fact]
    public async Task Recall_records_the_last_access_time_of_its_hits()
    {
        var added = await _harness.Service.RememberAsync(Ann, new NewMemory { Text = FactText, Importance = 0.4 });
        _harness.Time.Advance(TimeSpan.FromHours(5));

        await RecallAsync();

        Assert.Equal(MemoryHarness.Start.AddHours(5), (await _harness.Service.GetAsync(Ann, added.Memory.Id))!.LastAccessedAt);
    }

    [Fact]
    public async Task Min_relevance_drops_weak_candidates_before_scoring()
    {
        await RememberBothAsync();
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "tax return deadline", Importance = 0.9 });

        var hits = (await _harness.Service.RecallAsync(Ann, Query, new RecallOptions { MinRelevance = 0.3, Explain = true, Limit = 10 })).Hits;

        Assert.All(hits, h => Assert.True(h.Components!.Relevance >= 0.3));
        Assert.DoesNotContain(hits, h => h.Memory.Text == "tax return deadline");
    }

    private async Task RememberBothAsync()
    {
        await _harness.Service.RememberAsync(Ann, new NewMemory
        {
            Text = EpisodeText,
            Kind = MemoryKind.Episode,
            Importance = 0.6,
            OccurredAt = MemoryHarness.Start.AddDays(-3),
        });
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = FactText, Importance = 0.4 });
    }

    private async Task<IReadOnlyList<MemoryHit>> RecallAsync() =>
        (await _harness.Service.RecallAsync(Ann, Query, new RecallOptions { Explain = true, Limit = 10, IncludeConnections = false })).Hits;
}
