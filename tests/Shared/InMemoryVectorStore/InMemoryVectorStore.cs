using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// A deliberately trivial Microsoft.Extensions.VectorData store: each collection is a dictionary of copied records,
/// searched by brute force, filtered by compiling the LINQ filter over the records. No keyword or hybrid search, no
/// compaction, no persistence. It exists so that code written against the VectorData abstractions can be run over a
/// second store and shown to need nothing specific to the FAISS store.
/// </summary>
/// <remarks>Thread-safe. Collection objects of the same name share one table.</remarks>
internal sealed class InMemoryVectorStore : Microsoft.Extensions.VectorData.VectorStore
{
    private readonly ConcurrentDictionary<string, InMemoryTable> _tables = new(StringComparer.Ordinal);
    private readonly VectorStoreMetadata _metadata = new() { VectorStoreSystemName = InMemoryStoreErrors.SystemName };

    /// <summary>Creates an empty store.</summary>
    /// <param name="embeddingGenerator">The generator of vector properties that hold no vector (such as a string) and name no generator.</param>
    public InMemoryVectorStore(IEmbeddingGenerator? embeddingGenerator = null) => EmbeddingGenerator = embeddingGenerator;

    /// <summary>The store-wide embedding generator, or null.</summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; }

    /// <inheritdoc />
    [RequiresDynamicCode("Reads the record type's properties.")]
    [RequiresUnreferencedCode("Reads the record type's properties and attributes through reflection.")]
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new NotSupportedException(InMemoryStoreErrors.DynamicCollectionNeedsDictionary);
        }

        return new InMemoryCollection<TKey, TRecord>(this, name, definition);
    }

    /// <inheritdoc />
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Dynamic collections map dictionaries, not record types.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Dynamic collections map dictionaries, not record types.")]
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new InMemoryCollection<object, Dictionary<string, object?>>(this, name, definition);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<string> ListCollectionNamesAsync(CancellationToken cancellationToken = default) =>
        _tables.Keys.Order(StringComparer.Ordinal).ToArray().ToAsyncEnumerable();

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tables.ContainsKey(name));

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        _tables.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>The table of a collection, created when missing.</summary>
    internal InMemoryTable Ensure(string name) => _tables.GetOrAdd(name, _ => new InMemoryTable());

    /// <summary>The table of a collection, or null when it does not exist.</summary>
    internal InMemoryTable? Find(string name) => _tables.GetValueOrDefault(name);
}
