namespace ContextMemory.VectorData;

/// <summary>
/// Searches records by vector similarity combined with keyword (full-text) relevance.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>
/// Collections that support it implement this interface in addition to <see cref="VectorStoreCollection{TKey, TRecord}"/>.
/// Implementations are thread-safe unless documented otherwise.
/// </remarks>
public interface IKeywordHybridSearchable<TRecord>
{
    /// <summary>
    /// Returns the records that best match both <paramref name="searchValue"/> (by vector similarity) and <paramref name="keywords"/>
    /// (by full-text relevance on a full-text-indexed data property), best first.
    /// </summary>
    /// <typeparam name="TInput">The type of the search value.</typeparam>
    /// <param name="searchValue">A vector, or a value a configured embedding generator accepts; as for <see cref="IVectorSearchable{TRecord}.SearchAsync"/>.</param>
    /// <param name="keywords">The keywords to match in the full-text property.</param>
    /// <param name="top">The maximum number of results; at least 1.</param>
    /// <param name="options">The pre-filter, vector and full-text properties, skip, score threshold and whether to return vectors.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>
    /// The results with their scores. A hybrid score combines vector similarity and keyword relevance in a provider-defined way;
    /// higher is better unless the provider documents otherwise.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    /// <exception cref="NotSupportedException"><paramref name="searchValue"/> is neither a supported vector nor accepted by a configured embedding generator.</exception>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    IAsyncEnumerable<VectorSearchResult<TRecord>> HybridSearchAsync<TInput>(
        TInput searchValue,
        ICollection<string> keywords,
        int top,
        HybridSearchOptions<TRecord>? options = null,
        CancellationToken cancellationToken = default)
        where TInput : notnull;

    /// <summary>
    /// Asks for a service of type <paramref name="serviceType"/>, such as <see cref="VectorStoreCollectionMetadata"/>.
    /// </summary>
    /// <param name="serviceType">The type of service requested.</param>
    /// <param name="serviceKey">An optional key identifying the service.</param>
    /// <returns>The service, or <see langword="null"/> if there is none of that type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    object? GetService(Type serviceType, object? serviceKey = null);
}
