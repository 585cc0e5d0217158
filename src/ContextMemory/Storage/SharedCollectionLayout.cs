using Microsoft.Extensions.VectorData;

namespace ContextMemory.Storage;

/// <summary>
/// One collection for every scope, with the scope as a pre-filter on indexed columns: few files, one index, and a
/// store-side filter that runs before the vector search (see docs/memory.md for why and what it costs).
/// </summary>
internal sealed class SharedCollectionLayout : IMemoryLayout
{
    private readonly VectorStoreCollection<Guid, MemoryEntity> _memories;

    public SharedCollectionLayout(VectorStore store, string name, int dimensions)
    {
        _memories = store.GetCollection<Guid, MemoryEntity>(name, MemorySchema.Memories(dimensions));
        All = [_memories];
    }

    public IReadOnlyList<VectorStoreCollection<Guid, MemoryEntity>> All { get; }

    public VectorStoreCollection<Guid, MemoryEntity> For(MemoryScope scope) => _memories;

    public Task EnsureExistsAsync(CancellationToken cancellationToken) => _memories.EnsureCollectionExistsAsync(cancellationToken);
}
