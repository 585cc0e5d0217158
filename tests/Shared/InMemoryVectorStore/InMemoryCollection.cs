// MEVD9001: the package's ProviderServices model types are experimental (see InMemoryModelBuilder).
#pragma warning disable MEVD9001
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// A collection of an <see cref="InMemoryVectorStore"/>. Search scores every record that passes the filter (brute force)
/// and returns the best first; scores follow the distance function (similarities higher-is-closer, distances
/// lower-is-closer). Filters are any LINQ predicate the expression compiler accepts.
/// </summary>
/// <typeparam name="TKey">The key type (object for dynamic collections).</typeparam>
/// <typeparam name="TRecord">The record type, or <c>Dictionary&lt;string, object?&gt;</c> for a dynamic collection.</typeparam>
/// <remarks>Thread-safe. Holds no resources.</remarks>
[SuppressMessage("Naming", "CA1711", Justification = "Mirrors the vector store API's naming (VectorStoreCollection).")]
internal sealed class InMemoryCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly InMemoryVectorStore _store;
    private readonly CollectionModel _model;
    private readonly InMemoryRecordMapper<TRecord> _mapper;
    private readonly VectorStoreCollectionMetadata _metadata;

    [RequiresDynamicCode("Reads the record type's properties.")]
    [RequiresUnreferencedCode("Reads the record type's properties and attributes through reflection.")]
    public InMemoryCollection(InMemoryVectorStore store, string name, VectorStoreCollectionDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _store = store;
        Name = name;
        _model = InMemoryModelBuilder.Create(typeof(TRecord), typeof(TKey), definition, definition?.EmbeddingGenerator ?? store.EmbeddingGenerator);
        _mapper = new InMemoryRecordMapper<TRecord>(_model);
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = InMemoryStoreErrors.SystemName, CollectionName = name };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => _store.CollectionExistsAsync(Name, cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        _ = _store.Ensure(Name);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        _store.EnsureCollectionDeletedAsync(Name, cancellationToken);

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var table = Table();
        var stored = await _mapper.ToStoredAsync([.. records], table, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        table.Put(stored);
    }

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var includeVectors = CheckIncludeVectors(options?.IncludeVectors ?? false);
        var stored = Table().Find(key);
        return Task.FromResult(stored is null ? null : _mapper.ToRecord(stored, includeVectors));
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Table().Remove(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        var includeVectors = CheckIncludeVectors(options.IncludeVectors);
        return Order(Matching(filter), options).Skip(options.Skip).Take(top)
            .Select(m => includeVectors ? _mapper.ToRecord(m.Stored, includeVectors: true) : m.Record)
            .ToArray().ToAsyncEnumerable();
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        _ = CheckIncludeVectors(options.IncludeVectors);
        var property = _model.GetVectorPropertyOrSingle(options);
        return SearchCoreAsync(searchValue, top, options, property, cancellationToken);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchCoreAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord> options, VectorPropertyModel property,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = await InMemoryRecordMapper<TRecord>.QueryVectorAsync(property, searchValue!, cancellationToken).ConfigureAwait(false);
        var function = property.DistanceFunction ?? VectorScore.DefaultFunction;
        var candidates = options.Filter is null
            ? [.. Table().Snapshot().Select(s => (Stored: s, Record: (TRecord?)null))]
            : Matching(options.Filter).Select(m => (m.Stored, Record: (TRecord?)m.Record)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var scored = candidates
            .Where(c => c.Stored.Vectors.ContainsKey(property.StorageName))
            .Select(c => (c.Stored, c.Record, Score: VectorScore.Of(function, query, c.Stored.Vectors[property.StorageName])))
            .Where(c => VectorScore.Passes(function, c.Score, options.ScoreThreshold));
        var best = VectorScore.HigherIsCloser(function)
            ? scored.OrderByDescending(c => c.Score).ThenBy(c => c.Stored.Sequence)
            : scored.OrderBy(c => c.Score).ThenBy(c => c.Stored.Sequence);
        foreach (var (stored, record, score) in best.Skip(options.Skip).Take(top).ToList())
        {
            yield return new VectorSearchResult<TRecord>(
                options.IncludeVectors || record is null ? _mapper.ToRecord(stored, options.IncludeVectors) : record, score);
        }
    }

    /// <summary>The records that pass the filter, in insertion order, each with the record the filter saw (no vectors).</summary>
    private List<(StoredRecord Stored, TRecord Record)> Matching(Expression<Func<TRecord, bool>> filter)
    {
        var predicate = FilterParameterRebinder.Compile(filter);
        return [.. Table().Snapshot()
            .Select(s => (Stored: s, Record: _mapper.ToRecord(s, includeVectors: false)))
            .Where(m => predicate(m.Record))];
    }

    private static IEnumerable<(StoredRecord Stored, TRecord Record)> Order(
        List<(StoredRecord Stored, TRecord Record)> matches, FilteredRecordRetrievalOptions<TRecord> options)
    {
        var sorts = options.OrderBy?.Invoke(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition()).Values ?? [];
        IOrderedEnumerable<(StoredRecord Stored, TRecord Record)>? ordered = null;
        foreach (var sort in sorts)
        {
            var selector = sort.PropertySelector.Compile();
            Func<(StoredRecord Stored, TRecord Record), object?> key = m => selector(m.Record);
            var comparer = Comparer<object?>.Default;
            ordered = ordered is null
                ? (sort.Ascending ? matches.OrderBy(key, comparer) : matches.OrderByDescending(key, comparer))
                : (sort.Ascending ? ordered.ThenBy(key, comparer) : ordered.ThenByDescending(key, comparer));
        }

        return ordered ?? (IEnumerable<(StoredRecord Stored, TRecord Record)>)matches;
    }

    private bool CheckIncludeVectors(bool includeVectors) =>
        includeVectors && _model.EmbeddingGenerationRequired
            ? throw new NotSupportedException(InMemoryStoreErrors.IncludeVectorsWithGeneration)
            : includeVectors;

    private InMemoryTable Table() =>
        _store.Find(Name) ?? throw new VectorStoreException(InMemoryStoreErrors.CollectionDoesNotExist(Name))
        {
            VectorStoreSystemName = InMemoryStoreErrors.SystemName,
            CollectionName = Name,
        };
}
