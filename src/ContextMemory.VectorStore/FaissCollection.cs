using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Records;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// A collection of a <see cref="FaissVectorStore"/>: records of type <typeparamref name="TRecord"/> in SQLite, and
/// one FAISS index per vector property.
/// </summary>
/// <typeparam name="TKey">The key type: <see cref="long"/>, <see cref="int"/>, <see cref="string"/> or <see cref="Guid"/>
/// (<see cref="object"/> for dynamic collections).</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>
/// <para>Thread-safe. Collection objects are cheap and hold no resources of their own: every object of the same name in
/// one store shares the same open indexes. The index settings of the first object that opens the collection in this
/// process apply.</para>
/// <para>Operations are asynchronous in signature, but their SQLite and FAISS work runs synchronously on the calling
/// thread (as Microsoft.Data.Sqlite does); only embedding generation is truly asynchronous.</para>
/// <para>Scores: CosineSimilarity and DotProductSimilarity are similarities (higher is closer; cosine in [-1, 1]);
/// CosineDistance (1 - cosine, in [0, 2]), EuclideanDistance and EuclideanSquaredDistance are distances (lower is
/// closer). <see cref="VectorSearchOptions{TRecord}.ScoreThreshold"/> keeps results at or above a similarity threshold,
/// or at or below a distance threshold.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Mirrors the vector store API's naming (VectorStoreCollection).")]
public class FaissCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>, IKeywordHybridSearchable<TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly CollectionContext _context;
    private readonly VectorStoreCollectionMetadata _metadata;
    private readonly RecordReader<TKey, TRecord> _reader;
    private readonly RecordWriter<TKey, TRecord> _writer;
    private readonly VectorSearcher<TRecord> _searcher;
    private readonly HybridSearcher<TRecord> _hybridSearcher;

    /// <summary>Creates a collection object (no I/O).</summary>
    /// <param name="store">The store.</param>
    /// <param name="name">The collection name (any printable text up to 256 characters).</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The name, the schema or an option is invalid.</exception>
    /// <exception cref="NotSupportedException">A key, data or vector type, distance function or index kind is not supported,
    /// or <typeparamref name="TRecord"/> is a dictionary (use <see cref="FaissVectorStore.GetDynamicCollection"/>).</exception>
    public FaissCollection(FaissVectorStore store, string name, FaissCollectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        CollectionNames.Validate(name);
        options ??= new FaissCollectionOptions();
        if (typeof(TRecord) == typeof(Dictionary<string, object?>) && typeof(TKey) != typeof(object))
        {
            throw new NotSupportedException(VectorStoreErrors.DictionaryNeedsDynamicCollection);
        }

        var indexOptions = options.Index ?? store.Options.Index;
        indexOptions.Validate();
        Name = name;
        Model = FaissModelBuilder.Build(typeof(TRecord), typeof(TKey), options, store.Options.EmbeddingGenerator);
        _context = new CollectionContext(store, name, Model, indexOptions);
        _reader = new RecordReader<TKey, TRecord>(_context);
        _writer = new RecordWriter<TKey, TRecord>(_context);
        var hits = new HitReader<TRecord>(_context);
        _searcher = new VectorSearcher<TRecord>(_context, hits);
        _hybridSearcher = new HybridSearcher<TRecord>(_context, hits);
        _metadata = new VectorStoreCollectionMetadata
        {
            VectorStoreSystemName = StoreFailures.SystemName,
            VectorStoreName = store.Directory,
            CollectionName = name,
        };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The record model this collection maps.</summary>
    internal RecordModel Model { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _context.Store.CollectionExistsAsync(Name, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Creates the tables when missing. When the collection exists, checks that this record type is compatible
    /// with it; new plain data properties are added as columns.</remarks>
    /// <exception cref="InvalidOperationException">The collection exists with an incompatible schema.</exception>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _context.EnsureExistsAsync(cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        _context.Store.EnsureCollectionDeletedAsync(Name, cancellationToken);

    /// <summary>
    /// Writes the index checkpoints of this collection (after bringing every index to its planned kind), so a restart
    /// loads them instead of replaying changes.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the checkpoints are on disk.</returns>
    public Task CheckpointAsync(CancellationToken cancellationToken = default) =>
        _context.RunAsync("Checkpoint", (state, _) => state.CheckpointAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Erases deleted data of the whole store (see <see cref="FaissVectorStore.CompactAsync"/>): afterwards no byte of a
    /// deleted record's text or vectors remains in any file of the store directory.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the store is compacted.</returns>
    public Task CompactAsync(CancellationToken cancellationToken = default) => _context.Store.CompactAsync(cancellationToken);

    /// <inheritdoc />
    /// <returns>The record, or null when no record has <paramref name="key"/>.</returns>
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        _reader.GetAsync(key, options, cancellationToken);


    /// <inheritdoc />
    /// <remarks>Returns the records found, in the order of <paramref name="keys"/>; missing keys are skipped and a key
    /// given twice is returned once.</remarks>
    public override IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<TKey> keys, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        _reader.GetAsync(keys, options, cancellationToken);


    /// <inheritdoc />
    /// <remarks>The filter is translated to SQL (see <see cref="SearchAsync{TInput}"/> for what it may contain); records
    /// come in storage order unless <see cref="FilteredRecordRetrievalOptions{TRecord}.OrderBy"/> is set.</remarks>
    public override IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null,
        CancellationToken cancellationToken = default) =>
        _reader.GetAsync(filter, top, options, cancellationToken);


    /// <inheritdoc />
    /// <remarks>
    /// <para><paramref name="searchValue"/> is a vector (<c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c>,
    /// <c>Embedding&lt;float&gt;</c>) or, with an embedding generator configured, a value it embeds (such as a string).</para>
    /// <para><see cref="VectorSearchOptions{TRecord}.Filter"/> is a pre-filter: the results are the nearest among the
    /// records that match, and there are never fewer than <c>min(top, matches)</c> of them (minus <c>Skip</c>). Filters may
    /// use ==, !=, &lt;, &lt;=, &gt;, &gt;=, &amp;&amp;, ||, !, null checks, bool properties, <c>Contains</c> of a property in a
    /// captured collection, <c>Contains</c> and <c>Any</c> over collection-valued (tag) properties, and string StartsWith,
    /// EndsWith and Contains; values are always bound as SQL parameters.</para>
    /// <para>Scores are described on <see cref="FaissCollection{TKey, TRecord}"/>; results come best first. <paramref name="top"/>
    /// and <c>Skip</c> may be up to <see cref="int.MaxValue"/> each: there are never more results than records.</para>
    /// </remarks>
    /// <exception cref="NotSupportedException">The input type cannot be turned into a vector, or the filter uses a construct
    /// that cannot be translated.</exception>
    /// <exception cref="ArgumentException">The vector has the wrong length or holds NaN or infinity.</exception>
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default) =>
        _searcher.SearchAsync(searchValue, top, options, cancellationToken);


    /// <summary>
    /// Searches by vector and by keywords at once: the nearest records by vector and the best full-text matches (SQLite
    /// FTS5, BM25) of any keyword in the full-text property are fused by reciprocal rank fusion.
    /// </summary>
    /// <typeparam name="TInput">The search value type (see <see cref="SearchAsync{TInput}"/>).</typeparam>
    /// <param name="searchValue">The vector, or a value to embed.</param>
    /// <param name="keywords">Keywords; each is matched as a phrase, any of them may match. Empty means vector ranking only.</param>
    /// <param name="top">Results wanted (at least 1).</param>
    /// <param name="options">Filter (applied to both rankings), vector and full-text property, skip, threshold.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>Records best first. The score is the fused score, sum of 1/(60 + rank) over both rankings (higher is better,
    /// at most about 0.033); <see cref="HybridSearchOptions{TRecord}.ScoreThreshold"/> applies to it.</returns>
    /// <exception cref="InvalidOperationException">The model has no full-text indexed property (or several and none was chosen).</exception>
    public IAsyncEnumerable<VectorSearchResult<TRecord>> HybridSearchAsync<TInput>(
        TInput searchValue, ICollection<string> keywords, int top, HybridSearchOptions<TRecord>? options = null,
        CancellationToken cancellationToken = default)
        where TInput : notnull =>
        _hybridSearcher.HybridSearchAsync(searchValue, keywords, top, options, cancellationToken);


    /// <inheritdoc />
    /// <remarks>Inserts the record or replaces the one with the same key. A default key (0, <see cref="Guid.Empty"/>) of an
    /// auto-generated key property gets a new value, written back onto the record.</remarks>
    /// <exception cref="ArgumentException">A vector has the wrong length, contains NaN or infinity, or is all zeros under a
    /// cosine distance function; or a key is missing. Nothing is written.</exception>
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }


    /// <inheritdoc />
    /// <remarks>The batch is validated and embedded first (one generator call per embedded vector property), then written
    /// in one transaction: all records or none. Generated keys are written back onto the records after the commit.</remarks>
    /// <exception cref="ArgumentException">A record is null or invalid (see <see cref="UpsertAsync(TRecord, CancellationToken)"/>);
    /// nothing is written.</exception>
    public override Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default) =>
        _writer.UpsertAsync(records, cancellationToken);


    /// <inheritdoc />
    /// <remarks>A missing key is not an error. The record's row, vectors and full-text entry are deleted in the database at
    /// once; its vectors leave the in-memory indexes immediately (tombstoned, then purged). Use
    /// <see cref="CompactAsync"/> to erase every trace from the files.</remarks>
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DeleteAsync([key], cancellationToken);
    }


    /// <inheritdoc />
    /// <remarks>All keys are deleted in one transaction; missing keys are skipped.</remarks>
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default) =>
        _writer.DeleteAsync(keys, cancellationToken);


    /// <summary>Deletes every record that matches <paramref name="filter"/>, in one transaction.</summary>
    /// <param name="filter">A filter over the key and data properties (the constructs <see cref="SearchAsync{TInput}"/> accepts).</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <returns>The number of records deleted.</returns>
    /// <exception cref="NotSupportedException">The filter uses a construct that cannot be translated.</exception>
    public Task<int> DeleteAsync(Expression<Func<TRecord, bool>> filter, CancellationToken cancellationToken = default) =>
        _writer.DeleteAsync(filter, cancellationToken);


    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(VectorStoreCollectionMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(FaissVectorStore))
        {
            return _context.Store;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }
}
