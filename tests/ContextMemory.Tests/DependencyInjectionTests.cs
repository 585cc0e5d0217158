using ContextMemory.Tests.Support;
using ContextMemory.VectorStore.DependencyInjection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContextMemory.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Add_context_memory_builds_one_service_over_the_containers_store_embedder_clock_and_options()
    {
        using var directory = new TemporaryDirectory("cm-memory-");
        var services = new ServiceCollection();
        services.AddFaissVectorStore(directory.Path);
        services.AddSingleton(MemoryHarness.WordEmbedder());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(MemoryHarness.Start));
        services.AddContextMemory(o => o.CollectionPrefix = "app");
        await using var provider = services.BuildServiceProvider();

        var service = provider.GetRequiredService<MemoryService>();
        var added = await service.RememberAsync(MemoryScope.ForUser("u"), new NewMemory { Text = "through the container" });

        Assert.Same(service, provider.GetRequiredService<MemoryService>());
        Assert.Equal(MemoryHarness.Start, added.Memory.CreatedAt);
        Assert.Contains("app_memories", await provider.GetRequiredService<Microsoft.Extensions.VectorData.VectorStore>().ListCollectionNamesAsync().ToListAsync());
        Assert.IsAssignableFrom<IEmbeddingGenerator<string, Embedding<float>>>(provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }
}
