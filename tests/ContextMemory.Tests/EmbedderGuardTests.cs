using ContextMemory.Tests.Support;
using Microsoft.Extensions.AI;

namespace ContextMemory.Tests;

/// <summary>A store made with one embedder refuses a service with another model id or dimension, and nothing is written.</summary>
public sealed class EmbedderGuardTests : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, int> OtherEmbedders() => new()
    {
        { "another-model", MemoryHarness.Dimensions },
        { "words-256", 128 },
    };

    [Theory]
    [MemberData(nameof(OtherEmbedders))]
    public async Task Opening_with_another_embedder_throws_on_every_operation_and_writes_nothing(string modelId, int dimensions)
    {
        var added = await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "made with the first embedder" });
        var collections = await _harness.Store.ListCollectionNamesAsync().Order().ToListAsync();

        await using var other = new MemoryService(_harness.Store, MemoryHarness.WordEmbedder(modelId, dimensions), timeProvider: _harness.Time);

        var error = await Assert.ThrowsAsync<MemoryStoreMismatchException>(() => other.RememberAsync(Ann, new NewMemory { Text = "must not be written" }));
        Assert.Contains("words-256", error.Message, StringComparison.Ordinal);
        Assert.Contains(modelId, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MemoryStoreMismatchException>(() => other.RecallAsync(Ann, "first"));
        await Assert.ThrowsAsync<MemoryStoreMismatchException>(() => other.ListAsync(Ann));

        Assert.Equal(collections, await _harness.Store.ListCollectionNamesAsync().Order().ToListAsync());
        Assert.Equal([added.Memory.Id], (await _harness.Service.ListAsync(Ann)).Items.Select(m => m.Id));
        Assert.Single(await _harness.Service.GetHistoryAsync(Ann));
    }

    [Fact]
    public async Task The_store_remembers_its_embedder_across_a_reopen()
    {
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "first" });
        await _harness.ReopenAsync();

        var statistics = await _harness.Service.GetStatisticsAsync();

        Assert.Equal("words-256", statistics.EmbeddingModelId);
        Assert.Equal(MemoryHarness.Dimensions, statistics.Dimensions);
    }

    [Fact]
    public async Task An_embedder_without_metadata_is_identified_by_a_probe_embedding()
    {
        var bare = new ScriptedEmbeddingGenerator<string>(t => ScriptedEmbeddingGenerator.WordCounts(t, 32));
        using var directory = new TemporaryDirectory("cm-memory-");
        using var store = new ContextMemory.VectorStore.FaissVectorStore(directory.Path);
        await using var service = new MemoryService(store, bare);

        await service.RememberAsync(Ann, new NewMemory { Text = "probe me" });

        Assert.Equal(32, (await service.GetStatisticsAsync()).Dimensions);
        Assert.IsType<EmbeddingGeneratorMetadata>(new EmbeddingGeneratorMetadata("x"));
    }
}
