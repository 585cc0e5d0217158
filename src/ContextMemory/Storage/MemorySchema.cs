using Microsoft.Extensions.VectorData;

namespace ContextMemory.Storage;

/// <summary>The collection definitions, built at runtime: the memories' vector length is the embedder's.</summary>
internal static class MemorySchema
{
    /// <summary>The version of the stored layout, recorded with the embedder.</summary>
    public const int Version = 1;

    /// <summary>The id of the single <see cref="StoreInfoEntity"/>.</summary>
    public static readonly Guid StoreInfoId = new("c0a7e1f0-0000-4000-8000-00000000e3be");

    /// <summary>The constant vector of records that need none.</summary>
    public static ReadOnlyMemory<float> MarkerVector => new[] { 1f };

    public static VectorStoreCollectionDefinition Memories(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(MemoryEntity.Id), typeof(Guid)),
            new VectorStoreDataProperty(nameof(MemoryEntity.Text), typeof(string)),
            new VectorStoreDataProperty(nameof(MemoryEntity.IndexedText), typeof(string)) { IsFullTextIndexed = true },
            Indexed(nameof(MemoryEntity.UserId), typeof(string)),
            Indexed(nameof(MemoryEntity.AgentId), typeof(string)),
            Indexed(nameof(MemoryEntity.ConversationId), typeof(string)),
            Indexed(nameof(MemoryEntity.Kind), typeof(int)),
            new VectorStoreDataProperty(nameof(MemoryEntity.Importance), typeof(double)),
            Indexed(nameof(MemoryEntity.OccurredAt), typeof(long)),
            Indexed(nameof(MemoryEntity.CreatedAt), typeof(long)),
            new VectorStoreDataProperty(nameof(MemoryEntity.UpdatedAt), typeof(long)),
            new VectorStoreDataProperty(nameof(MemoryEntity.LastAccessedAt), typeof(long)),
            Indexed(nameof(MemoryEntity.Tags), typeof(string[])),
            Indexed(nameof(MemoryEntity.Source), typeof(string)),
            new VectorStoreDataProperty(nameof(MemoryEntity.Speaker), typeof(string)),
            new VectorStoreDataProperty(nameof(MemoryEntity.ConversationTitle), typeof(string)),
            new VectorStoreDataProperty(nameof(MemoryEntity.Connections), typeof(string[])),
            new VectorStoreDataProperty(nameof(MemoryEntity.MergedCount), typeof(int)),
            new VectorStoreVectorProperty(nameof(MemoryEntity.Embedding), typeof(ReadOnlyMemory<float>), dimensions)
            {
                DistanceFunction = DistanceFunction.CosineSimilarity,
            },
        ],
    };

    public static VectorStoreCollectionDefinition History() => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(HistoryEntity.Id), typeof(Guid)),
            Indexed(nameof(HistoryEntity.Sequence), typeof(long)),
            Indexed(nameof(HistoryEntity.MemoryId), typeof(Guid)),
            new VectorStoreDataProperty(nameof(HistoryEntity.Action), typeof(int)),
            new VectorStoreDataProperty(nameof(HistoryEntity.OldText), typeof(string)),
            new VectorStoreDataProperty(nameof(HistoryEntity.NewText), typeof(string)),
            Indexed(nameof(HistoryEntity.UserId), typeof(string)),
            Indexed(nameof(HistoryEntity.AgentId), typeof(string)),
            Indexed(nameof(HistoryEntity.ConversationId), typeof(string)),
            new VectorStoreDataProperty(nameof(HistoryEntity.Actor), typeof(string)),
            new VectorStoreDataProperty(nameof(HistoryEntity.At), typeof(long)),
            Marker(nameof(HistoryEntity.Marker)),
        ],
    };

    public static VectorStoreCollectionDefinition StoreInfo() => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(StoreInfoEntity.Id), typeof(Guid)),
            new VectorStoreDataProperty(nameof(StoreInfoEntity.ModelId), typeof(string)),
            new VectorStoreDataProperty(nameof(StoreInfoEntity.Dimensions), typeof(int)),
            new VectorStoreDataProperty(nameof(StoreInfoEntity.SchemaVersion), typeof(int)),
            new VectorStoreDataProperty(nameof(StoreInfoEntity.CreatedAt), typeof(long)),
            Marker(nameof(StoreInfoEntity.Marker)),
        ],
    };

    private static VectorStoreDataProperty Indexed(string name, Type type) => new(name, type) { IsIndexed = true };

    private static VectorStoreVectorProperty Marker(string name) =>
        new(name, typeof(ReadOnlyMemory<float>), 1) { DistanceFunction = DistanceFunction.DotProductSimilarity };
}
