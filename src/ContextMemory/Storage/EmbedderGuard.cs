using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Storage;

/// <summary>
/// Records which embedder (model id and vector length) a store was created with, and refuses a service using another:
/// vectors of two models are not comparable, so mixing them would silently ruin recall.
/// </summary>
internal static class EmbedderGuard
{
    private const string ProbeText = "dimension probe";

    /// <summary>The embedder's identity: its metadata, or (when it reports no dimensions) the length of one probe embedding.</summary>
    public static async Task<(string ModelId, int Dimensions)> IdentifyAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        var modelId = metadata?.DefaultModelId ?? metadata?.ProviderName ?? embedder.GetType().FullName ?? "unknown";
        if (metadata?.DefaultModelDimensions is { } dimensions and > 0)
        {
            return (modelId, dimensions);
        }

        var probe = await embedder.GenerateAsync([ProbeText], EmbeddingInputKind.ForDocument(), cancellationToken).ConfigureAwait(false);
        return probe.Count == 1 && probe[0].Vector.Length > 0
            ? (modelId, probe[0].Vector.Length)
            : throw new InvalidOperationException(MemoryErrors.UnknownDimensions);
    }

    /// <summary>
    /// Checks the store's record of its embedder against this one; throws <see cref="MemoryStoreMismatchException"/>
    /// before anything is written when they differ. Returns whether the store had no record yet (it is written by
    /// <see cref="RecordAsync"/> once the collections exist).
    /// </summary>
    public static async Task<bool> CheckAsync(
        VectorStoreCollection<Guid, StoreInfoEntity> info, string modelId, int dimensions, CancellationToken cancellationToken)
    {
        if (!await info.CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var stored = await info.GetAsync(MemorySchema.StoreInfoId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return true;
        }

        if (!string.Equals(stored.ModelId, modelId, StringComparison.Ordinal) || stored.Dimensions != dimensions)
        {
            throw new MemoryStoreMismatchException(MemoryErrors.StoreMismatch(stored.ModelId, stored.Dimensions, modelId, dimensions));
        }

        return false;
    }

    public static async Task RecordAsync(
        VectorStoreCollection<Guid, StoreInfoEntity> info, string modelId, int dimensions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await info.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        await info.UpsertAsync(
            new StoreInfoEntity
            {
                Id = MemorySchema.StoreInfoId,
                ModelId = modelId,
                Dimensions = dimensions,
                SchemaVersion = MemorySchema.Version,
                CreatedAt = now.UtcTicks,
            },
            cancellationToken).ConfigureAwait(false);
    }
}
