using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace ContextMemory.VectorData;

/// <summary>
/// A named collection of records in a vector store: create or delete it, and get, upsert, delete and search its records.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>
/// <para>Unless a provider documents otherwise, implementations are thread-safe: one instance may be shared and used concurrently.</para>
/// <para>Record operations do not check that the collection exists; on a missing collection they fail with <see cref="VectorStoreException"/>.</para>
/// </remarks>
#pragma warning disable CA1711 // The name mirrors the established vector store API.
public abstract class VectorStoreCollection<TKey, TRecord> : IVectorSearchable<TRecord>, IDisposable
#pragma warning restore CA1711
    where TKey : notnull
    where TRecord : class
{
    /// <summary>
    /// Gets the collection name.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>
    /// Checks whether the collection exists in the store.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see langword="true"/> if the collection exists.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the collection if it does not exist; an existing collection is left as it is.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the collection exists.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the collection and all its records if it exists; a missing collection is not an error.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the collection no longer exists.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the record with the given key.
    /// </summary>
    /// <param name="key">The key of the record.</param>
    /// <param name="options">Retrieval options; by default vectors are not returned.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or <see langword="null"/> when no record has that key.</returns>
    /// <exception cref="NotSupportedException">Vectors were requested but a vector property is embedded (its source value is not stored).</exception>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the records with the given keys; keys with no record are skipped, so fewer records than keys may be returned.
    /// </summary>
    /// <param name="keys">The keys of the records.</param>
    /// <param name="options">Retrieval options; by default vectors are not returned.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The records found.</returns>
    /// <remarks>
    /// This base implementation calls <see cref="GetAsync(TKey, RecordRetrievalOptions?, CancellationToken)"/> once per key, in order;
    /// providers that can fetch a batch in one round trip override it.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public virtual async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys,
        RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        foreach (var key in keys)
        {
            var record = await GetAsync(key, options, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Gets up to <paramref name="top"/> records matching a filter, without a vector search.
    /// </summary>
    /// <param name="filter">The predicate the records must satisfy; the provider translates it, and throws <see cref="NotSupportedException"/> for constructs it cannot translate.</param>
    /// <param name="top">The maximum number of records to return; at least 1.</param>
    /// <param name="options">Skip, ordering and whether to return vectors.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The matching records, in the requested order (unspecified when no ordering is given).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts the record, or replaces the record with the same key.
    /// </summary>
    /// <param name="record">The record. If its key is auto-generated and unset, the generated key is written back onto it.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts the records, or replaces the records with the same keys.
    /// </summary>
    /// <param name="records">The records. Generated keys are written back onto them.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the records are stored.</returns>
    /// <remarks>
    /// Implementations embed each embedded vector property once for the whole batch (one generator call), rather than once per
    /// record, which is why no default implementation over the single-record overload exists. Where the storage allows it the
    /// batch is atomic; with caller-supplied keys a failed batch can simply be retried.
    /// </remarks>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the record with the given key; a missing key is not an error.
    /// </summary>
    /// <param name="key">The key of the record.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when no record has that key.</returns>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public abstract Task DeleteAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the records with the given keys; missing keys are not an error.
    /// </summary>
    /// <param name="keys">The keys of the records.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when no record has any of the keys.</returns>
    /// <remarks>
    /// This base implementation calls <see cref="DeleteAsync(TKey, CancellationToken)"/> once per key; providers that can delete a
    /// batch at once override it. If it fails part-way, some records may already be deleted: retry the whole batch.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    public virtual async Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        foreach (var key in keys)
        {
            await DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public abstract IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        CancellationToken cancellationToken = default)
        where TInput : notnull;

    /// <summary>
    /// Asks the collection for a service of type <paramref name="serviceType"/>: <see cref="VectorStoreCollectionMetadata"/>,
    /// the underlying client, or the collection itself.
    /// </summary>
    /// <param name="serviceType">The type of service requested.</param>
    /// <param name="serviceKey">An optional key identifying the service.</param>
    /// <returns>The service, or <see langword="null"/> if the collection has none of that type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    public abstract object? GetService(Type serviceType, object? serviceKey = null);

    /// <summary>
    /// Releases the resources held by the collection object (not the stored collection).
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Releases the resources held by the collection object.
    /// </summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>; <see langword="false"/> from a finalizer.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
