using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// Vector search of a collection (<see cref="FaissCollection{TKey, TRecord}.SearchAsync{TInput}"/>): the filter's vids
/// from SQLite, the nearest of them from the property's FAISS index, then the records of the hits.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Thread-safe; searches run concurrently with each other and with writes.</remarks>
internal sealed class VectorSearcher<TRecord>
    where TRecord : class
{
    private readonly CollectionContext _context;
    private readonly HitReader<TRecord> _hits;

    public VectorSearcher(CollectionContext context, HitReader<TRecord> hits)
    {
        _context = context;
        _hits = hits;
    }

    /// <summary>Validates the request, then searches when enumerated.</summary>
    public IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        var property = _context.Model.VectorProperty(options.VectorProperty);
        _context.Model.ValidateIncludeVectors(options.IncludeVectors);
        return SearchCoreAsync(searchValue, top, options, property, cancellationToken);
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchCoreAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord> options, VectorPropertyModel property,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Bound before the query is embedded: the search reads the collection it started on, or fails as missing.
        var bound = await _context.BindAsync("Search", cancellationToken).ConfigureAwait(false);
        var query = await HitReader<TRecord>.QueryVectorAsync(searchValue!, property, cancellationToken).ConfigureAwait(false);
        var results = await _context.RunAsync("Search", bound, () => SearchRecordsAsync(
            bound.State, bound.Binding, query, top, options.Skip, options.Filter, property, options.IncludeVectors, options.ScoreThreshold, cancellationToken)).ConfigureAwait(false);
        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>The nearest records with their scores, best first, after skip and threshold.</summary>
    private async Task<List<VectorSearchResult<TRecord>>> SearchRecordsAsync(
        CollectionState state, RecordBinding binding, ReadOnlyMemory<float> query, int top, int skip, Expression<Func<TRecord, bool>>? filter, VectorPropertyModel property,
        bool includeVectors, double? threshold, CancellationToken cancellationToken)
    {
        await _context.RequireCurrentAsync(state, cancellationToken).ConfigureAwait(false);
        var index = state.Indexes[binding.IndexSlotOf(property)];
        // top + Skip may pass int.MaxValue; the index never yields more than it holds (NearestNeighbours clamps k to that).
        var k = (int)Math.Min((long)top + skip, int.MaxValue);
        cancellationToken.ThrowIfCancellationRequested();
        List<VectorSearchResult<TRecord>>? results;
        using (var lease = _context.Database.Pool.Rent())
        {
            results = SearchOnce(lease.Connection, transaction: null, state.FilterResults, binding, index, query, k, skip, filter, includeVectors, threshold);
        }

        // Null: a record was replaced or deleted while the search ran (the database and the index were read at different
        // moments), and the answer could leave out a record that existed throughout. Search again over one snapshot with
        // the index caught up to exactly that snapshot.
        return results ?? await state.ReadConsistentAsync(
            (connection, snapshot) => SearchOnce(connection, snapshot, filterCache: null, binding, index, query, k, skip, filter, includeVectors, threshold) ?? [],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One search: matching vids, the index search, then the records of the hits. Null when the database and the index
    /// disagreed (a matching vid not in the index yet, or a hit's record gone), which is possible only without a
    /// <paramref name="transaction"/> to which the index is caught up.
    /// </summary>
    private List<VectorSearchResult<TRecord>>? SearchOnce(
        PooledConnection connection, SqliteTransaction? transaction, FilterResultCache? filterCache, RecordBinding binding, VectorIndex index,
        ReadOnlyMemory<float> query, int k, int skip, Expression<Func<TRecord, bool>>? filter, bool includeVectors, double? threshold)
    {
        var column = index.Plan.Column;
        var where = filter is null ? null : _hits.Translate(binding, filter);
        if (_hits.FindNearest(connection, transaction, filterCache, binding, index, query.Span, k, where) is not var (ids, distances))
        {
            return null;
        }

        var end = Math.Min(ids.Count, k);
        if (end <= skip)
        {
            return [];
        }

        var vids = new long[end - skip];
        for (var i = skip; i < end; i++)
        {
            vids[i - skip] = ids[i];
        }

        var records = HitReader<TRecord>.ReadByVids(connection, transaction, binding, column.Ordinal, vids, includeVectors);
        if (records.Count < vids.Length && transaction is null)
        {
            return null;
        }

        var results = new List<VectorSearchResult<TRecord>>(vids.Length);
        for (var i = skip; i < end; i++)
        {
            if (records.TryGetValue(ids[i], out var record))
            {
                var score = Scores.FromFaiss(distances[i], column.DistanceFunction);
                if (Scores.Passes(score, threshold, column.DistanceFunction))
                {
                    results.Add(new VectorSearchResult<TRecord>(record, score));
                }
            }
        }

        return results;
    }
}
