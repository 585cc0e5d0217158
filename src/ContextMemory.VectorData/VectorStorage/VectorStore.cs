namespace ContextMemory.VectorData;

/// <summary>
/// A vector store: a set of named collections of records, each record with a key, data properties and vectors.
/// </summary>
/// <remarks>
/// Unless a provider documents otherwise, implementations are thread-safe: one instance may be shared and used concurrently.
/// </remarks>
public abstract class VectorStore : IDisposable
{
    /// <summary>
    /// Gets a collection of <typeparamref name="TRecord"/> records, keyed by <typeparamref name="TKey"/>.
    /// </summary>
    /// <typeparam name="TKey">The key type; must match the record's key property type.</typeparam>
    /// <typeparam name="TRecord">The record type. <c>Dictionary&lt;string, object?&gt;</c> is not accepted: use <see cref="GetDynamicCollection"/>.</typeparam>
    /// <param name="name">The collection name.</param>
    /// <param name="definition">
    /// The schema; when <see langword="null"/> it is read from attributes on <typeparamref name="TRecord"/>, otherwise merged with them and winning where both describe a property.
    /// </param>
    /// <returns>A collection object. It does no I/O: the collection need not exist yet (see <see cref="VectorStoreCollection{TKey, TRecord}.EnsureCollectionExistsAsync"/>).</returns>
    /// <exception cref="ArgumentException">The schema is invalid, or <typeparamref name="TRecord"/> is <c>Dictionary&lt;string, object?&gt;</c>.</exception>
    /// <exception cref="NotSupportedException">The schema uses a type, index kind or distance function the provider does not support.</exception>
    public abstract VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
        where TKey : notnull
        where TRecord : class;

    /// <summary>
    /// Gets a collection whose records are <c>Dictionary&lt;string, object?&gt;</c> keyed by property name, with <see cref="object"/> keys.
    /// </summary>
    /// <param name="name">The collection name.</param>
    /// <param name="definition">The schema; every property in it must carry a <see cref="VectorStoreProperty.Type"/>.</param>
    /// <returns>A collection object. It does no I/O: the collection need not exist yet.</returns>
    /// <exception cref="ArgumentException">The schema is invalid or a property has no type.</exception>
    /// <exception cref="NotSupportedException">The schema uses a type, index kind or distance function the provider does not support.</exception>
    public abstract VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition);

    /// <summary>
    /// Lists the names of the collections that exist in the store.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The collection names.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract IAsyncEnumerable<string> ListCollectionNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks whether a collection exists.
    /// </summary>
    /// <param name="name">The collection name.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see langword="true"/> if the collection exists.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a collection and all its records if it exists; a missing collection is not an error.
    /// </summary>
    /// <param name="name">The collection name.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the collection no longer exists.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the store for a service of type <paramref name="serviceType"/>: <see cref="VectorStoreMetadata"/>, the underlying client, or the store itself.
    /// </summary>
    /// <param name="serviceType">The type of service requested.</param>
    /// <param name="serviceKey">An optional key identifying the service.</param>
    /// <returns>The service, or <see langword="null"/> if the store has none of that type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    public abstract object? GetService(Type serviceType, object? serviceKey = null);

    /// <summary>
    /// Releases the resources held by the store.
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Releases the resources held by the store.
    /// </summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>; <see langword="false"/> from a finalizer.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
