using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData;

/// <summary>
/// Searches records by vector similarity.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Implementations are thread-safe unless documented otherwise.</remarks>
public interface IVectorSearchable<TRecord>
{
    /// <summary>
    /// Returns the records closest to <paramref name="searchValue"/>, closest first.
    /// </summary>
    /// <typeparam name="TInput">The type of the search value.</typeparam>
    /// <param name="searchValue">
    /// A vector (<c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c> or <c>Embedding&lt;float&gt;</c>; providers may accept more), or a
    /// value an embedding generator configured for the searched property accepts (for example a <see cref="string"/> with an
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>), which is then embedded first.
    /// </param>
    /// <param name="top">The maximum number of results; at least 1.</param>
    /// <param name="options">
    /// The pre-filter (the results are the closest among the matching records, not a post-filtered top list), the vector property
    /// (needed only when there are several), skip, score threshold and whether to return vectors.
    /// </param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>
    /// The results with their scores. What a score means depends on the property's <see cref="DistanceFunction"/>: for similarity
    /// functions higher is closer, for distance functions lower is closer.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    /// <exception cref="NotSupportedException">
    /// <paramref name="searchValue"/> is not a supported vector type and no configured <see cref="IEmbeddingGenerator"/> accepts it.
    /// </exception>
    /// <exception cref="VectorStoreException">The storage failed.</exception>
    IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
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
