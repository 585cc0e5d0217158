using ContextMemory.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Storage;

/// <summary>The service's collections, opened once the embedder's identity is known and checked against the store's.</summary>
internal sealed class MemoryStorage
{
    private MemoryStorage(IMemoryLayout layout, VectorStoreCollection<Guid, HistoryEntity> history, string modelId, int dimensions)
    {
        Layout = layout;
        History = history;
        ModelId = modelId;
        Dimensions = dimensions;
    }

    public IMemoryLayout Layout { get; }

    public VectorStoreCollection<Guid, HistoryEntity> History { get; }

    public string ModelId { get; }

    public int Dimensions { get; }

    public static async Task<MemoryStorage> OpenAsync(
        VectorStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, string prefix, DateTimeOffset now, ILogger logger,
        CancellationToken cancellationToken)
    {
        var (modelId, dimensions) = await EmbedderGuard.IdentifyAsync(embedder, cancellationToken).ConfigureAwait(false);
        var info = store.GetCollection<Guid, StoreInfoEntity>(prefix + "_store", MemorySchema.StoreInfo());
        var isNew = await EmbedderGuard.CheckAsync(info, modelId, dimensions, cancellationToken).ConfigureAwait(false);

        var layout = new SharedCollectionLayout(store, prefix + "_memories", dimensions);
        var history = store.GetCollection<Guid, HistoryEntity>(prefix + "_history", MemorySchema.History());
        await layout.EnsureExistsAsync(cancellationToken).ConfigureAwait(false);
        await history.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        if (isNew)
        {
            await EmbedderGuard.RecordAsync(info, modelId, dimensions, now, cancellationToken).ConfigureAwait(false);
            MemoryLog.StoreCreated(logger, modelId, dimensions);
        }

        return new MemoryStorage(layout, history, modelId, dimensions);
    }
}
