using ContextMemory.Embeddings;
using ContextMemory.Embeddings.Caching;
using ContextMemory.VectorStore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ContextMemory.Cli.Hosting;

/// <summary>
/// One run's open data directory: the FAISS vector store, the embedding pipeline (with its persistent cache) and the
/// memory service over them. Disposing checkpoints and releases everything; it is what a cancelled command does too,
/// so nothing acknowledged is lost.
/// </summary>
internal sealed class MemoryHost : IAsyncDisposable
{
    private MemoryHost(CliSettings settings, FaissVectorStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, MemoryService memory)
    {
        Settings = settings;
        Store = store;
        Embedder = embedder;
        Memory = memory;
    }

    public CliSettings Settings { get; }

    public FaissVectorStore Store { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public MemoryService Memory { get; }

    /// <summary>The embedder's provider, model and vector length.</summary>
    public EmbeddingGeneratorMetadata? EmbedderMetadata => Embedder.GetService<EmbeddingGeneratorMetadata>();

    /// <summary>The persistent embedding cache's counters for this run.</summary>
    public EmbeddingCacheStatistics? CacheStatistics => Embedder.GetService<PersistentCachingEmbeddingGenerator>()?.Statistics;

    /// <summary>Opens (creating on first use) the data directory the settings name.</summary>
    public static MemoryHost Open(CliSettings settings, ILoggerFactory loggerFactory)
    {
        DataDirectory.Ensure(settings.DataDirectory);
        var embedder = ContextMemoryEmbeddings.CreateGenerator(settings.Embedding, loggerFactory);
        FaissVectorStore? store = null;
        try
        {
            Directory.CreateDirectory(settings.StoreDirectory);
            store = new FaissVectorStore(settings.StoreDirectory, new FaissVectorStoreOptions { LoggerFactory = loggerFactory });
            var memory = new MemoryService(store, embedder, loggerFactory: loggerFactory);
            return new MemoryHost(settings, store, embedder, memory);
        }
        catch
        {
            store?.Dispose();
            embedder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            UsageCounters.Add(Settings.DataDirectory, CacheStatistics);
            await Memory.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Store.Dispose();
            Embedder.Dispose();
        }
    }
}
