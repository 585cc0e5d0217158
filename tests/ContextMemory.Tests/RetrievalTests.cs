using System.Diagnostics.Metrics;
using ContextMemory.Tests.Support;
using ContextMemory.VectorStore;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ContextMemory.Tests;

/// <summary>Keyword candidates, fusion, the query cache, metrics and the slow-search warning.</summary>
public sealed class RetrievalTests : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Hybrid_recall_reports_keyword_ranks_from_the_stores_keyword_search_and_vector_recall_does_not()
    {
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "the wifi password is hunter2" });
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "the garden needs water" });

        var hybrid = (await _harness.Service.RecallAsync(Ann, "wifi password", new RecallOptions { Explain = true })).Hits;
        var vector = (await _harness.Service.RecallAsync(Ann, "wifi password", new RecallOptions { Explain = true, Retrieval = RetrievalMode.Vector })).Hits;

        Assert.Equal(1, hybrid[0].Components!.KeywordRank);
        var w = new ScoringOptions().KeywordWeight;
        Assert.Equal(((1 - w) * hybrid[0].Components!.Similarity) + w, hybrid[0].Components!.Relevance, 12);
        Assert.All(vector, h => Assert.Null(h.Components!.KeywordRank));
        Assert.All(vector, h => Assert.Equal(h.Components!.Similarity, h.Components.Relevance));
    }

    [Fact]
    public async Task Keyword_recall_takes_only_the_stores_keyword_ranking_and_falls_back_to_vectors_on_a_store_without_one()
    {
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "the wifi password is hunter2" });
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "the garden needs water" });
        var keyword = new RecallOptions { Explain = true, Retrieval = RetrievalMode.Keyword };

        var onFaiss = (await _harness.Service.RecallAsync(Ann, "wifi", keyword)).Hits;
        using var plain = new InMemoryVectorStore();
        await using var other = new MemoryService(plain, _harness.Embedder, timeProvider: _harness.Time);
        await other.RememberAsync(Ann, new NewMemory { Text = "the wifi password is hunter2" });
        var onPlain = (await other.RecallAsync(Ann, "wifi", keyword)).Hits;

        Assert.All(onFaiss, h => Assert.Null(h.Components!.VectorRank));
        Assert.Equal(1, onFaiss[0].Components!.KeywordRank);
        Assert.Equal((1, (int?)null), (onPlain[0].Components!.VectorRank, onPlain[0].Components!.KeywordRank));
    }

    [Fact]
    public async Task Reciprocal_rank_fusion_scales_to_one_for_a_memory_first_in_both_rankings()
    {
        await _harness.ReopenAsync(new MemoryServiceOptions { Scoring = { Fusion = FusionMethod.ReciprocalRank } });
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "the wifi password is hunter2" });

        var hit = (await _harness.Service.RecallAsync(Ann, "wifi password", new RecallOptions { Explain = true })).Hits[0];

        Assert.Equal((1, 1), (hit.Components!.VectorRank, hit.Components.KeywordRank));
        Assert.Equal(1, hit.Components.Relevance, 12);
    }

    [Fact]
    public async Task A_repeated_query_is_embedded_once_and_operations_are_measured()
    {
        var embedder = (ScriptedEmbeddingGenerator<string>)_harness.Embedder;
        var durations = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ContextMemory.Memory")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                lock (durations)
                {
                    durations.Add($"{instrument.Name}:{tag.Value}");
                }
            }
        });
        listener.Start();
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "something to find" });

        await _harness.Service.RecallAsync(Ann, "a query asked twice");
        await _harness.Service.RecallAsync(Ann, "a query asked twice");

        Assert.Single(embedder.Calls, c => c.Contains("a query asked twice"));
        lock (durations)
        {
            Assert.Contains("contextmemory.memory.operation.duration:recall", durations);
            Assert.Contains("contextmemory.memory.operation.duration:remember", durations);
        }
    }

    [Fact]
    public async Task A_search_slower_than_the_threshold_is_logged_as_a_warning()
    {
        using var logs = new CapturingLoggerFactory();
        await using var service = new MemoryService(
            _harness.Store, _harness.Embedder, new MemoryServiceOptions { SlowSearchThreshold = TimeSpan.Zero }, _harness.Time, logs);
        await service.RememberAsync(Ann, new NewMemory { Text = "anything" });

        await service.RecallAsync(Ann, "anything");

        var warning = Assert.Single(logs.Warnings);
        Assert.StartsWith("Memory search is slow", warning.Message, StringComparison.Ordinal);
        Assert.Contains("user=ann", warning.Message, StringComparison.Ordinal);
        Assert.IsType<FaissVectorStore>(_harness.Store);
        Assert.Equal(LogLevel.Warning, warning.Level);
    }
}
