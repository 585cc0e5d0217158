using Microsoft.Extensions.VectorData;

namespace ContextMemory.Tests.Support;

/// <summary>A store that hides its compaction capability, standing for a VectorData connector that has none.</summary>
public sealed class StoreWithoutCompaction(Microsoft.Extensions.VectorData.VectorStore inner) : Microsoft.Extensions.VectorData.VectorStore
{
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null) =>
        inner.GetCollection<TKey, TRecord>(name, definition);

    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        inner.GetDynamicCollection(name, definition);

    public override IAsyncEnumerable<string> ListCollectionNamesAsync(CancellationToken cancellationToken = default) =>
        inner.ListCollectionNamesAsync(cancellationToken);

    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        inner.CollectionExistsAsync(name, cancellationToken);

    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default) =>
        inner.EnsureCollectionDeletedAsync(name, cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(IVectorStoreCompaction) ? null : inner.GetService(serviceType, serviceKey);
}
