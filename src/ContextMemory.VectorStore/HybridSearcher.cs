using System.Runtime.CompilerServices;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// Hybrid search of a collection (<see cref="FaissCollection{TKey, TRecord}.HybridSearchAsync{TInput}"/>): the vector
/// ranking and the SQLite FTS5 (BM25) keyword ranking, under the same filter, fused by reciprocal rank fusion.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Thread-safe; searches run concurrently with each other and with writes.</remarks>
internal sealed class HybridSearcher<TRecord>
    where TRecord : class
{
    private const int HybridDepthFactor = 4;
    private const int MinHybridDepth = 50;
    private readonly CollectionContext _context;
    private readonly HitReader<TRecord> _hits;

    public HybridSearcher(CollectionContext context, HitReader<TRecord> hits)
    {
        _context = context;
        _hits = hits;
    }

    private RecordModel Model => _context.Model;

    /// <summary>Validates the request, then searches when enumerated.</summary>
    public IAsyncEnumerable<VectorSearchResult<TRecord>> HybridSearchAsync<TInput>(
        TInput searchValue, ICollection<string> keywords, int top, HybridSearchOptions<TRecord>? options, CancellationToken cancellationToken)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        foreach (var keyword in keywords)
        {
            ArgumentNullException.ThrowIfNull(keyword, nameof(keywords));
        }

        options ??= new HybridSearchOptions<TRecord>();
        var vectorProperty = Model.VectorProperty(options.VectorProperty);
        var textProperty = Model.FullTextProperty(options.AdditionalProperty);
        Model.ValidateIncludeVectors(options.IncludeVectors);
        return HybridCoreAsync(searchValue, [.. keywords], top, options, vectorProperty, textProperty, cancellationToken);
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> HybridCoreAsync<TInput>(
        TInput searchValue, List<string> keywords, int top, HybridSearchOptions<TRecord> options, VectorPropertyModel vectorProperty,
        DataPropertyModel textProperty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Bound before the query is embedded, as in vector search.
        var bound = await _context.BindAsync("HybridSearch", cancellationToken).ConfigureAwait(false);
        var (state, binding) = bound;
        var query = await HitReader<TRecord>.QueryVectorAsync(searchValue!, vectorProperty, cancellationToken).ConfigureAwait(false);
        var request = new HybridRequest(query, keywords, top, options, textProperty, HybridDepth(top, options.Skip));
        var results = await _context.RunAsync("HybridSearch", bound, async () =>
        {
            await _context.RequireCurrentAsync(state, cancellationToken).ConfigureAwait(false);
            var index = state.Indexes[binding.IndexSlotOf(vectorProperty)];
            cancellationToken.ThrowIfCancellationRequested();
            List<VectorSearchResult<TRecord>>? found;
            using (var lease = _context.Database.Pool.Rent())
            {
                found = HybridOnce(lease.Connection, transaction: null, state.FilterResults, binding, index, request);
            }

            // As in vector search: when the database and the index disagreed (a record changed while the search ran),
            // search again over one snapshot with the index caught up to exactly that snapshot.
            return found ?? await state.ReadConsistentAsync(
                (connection, snapshot) => HybridOnce(connection, snapshot, filterCache: null, binding, index, request) ?? [],
                cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>How deep each ranking is read: a few times the results wanted, clamped so huge requests stay exact, not overflow.</summary>
    private static int HybridDepth(int top, int skip) =>
        (int)Math.Clamp(((long)top + skip) * HybridDepthFactor, MinHybridDepth, int.MaxValue);

    /// <summary>
    /// One hybrid search: both rankings, fusion, then the records. Null when the database and the index disagreed, which is
    /// possible only without a <paramref name="transaction"/> to which the index is caught up.
    /// </summary>
    private List<VectorSearchResult<TRecord>>? HybridOnce(
        PooledConnection connection, SqliteTransaction? transaction, FilterResultCache? filterCache, RecordBinding binding, VectorIndex index,
        HybridRequest request)
    {
        var options = request.Options;
        var ordinal = index.Plan.Column.Ordinal;
        var where = options.Filter is null ? null : _hits.Translate(binding, options.Filter);
        if (_hits.FindNearest(connection, transaction, filterCache, binding, index, request.Query.Span, request.Depth, where) is not var (vectorIds, _))
        {
            return null;
        }

        var byVector = vectorIds.Take(request.Depth).ToList();
        var byKeyword = ReadKeywordRanking(connection, transaction, binding, ordinal, request);
        var fused = ReciprocalRankFusion.Fuse(byVector, byKeyword)
            .Where(f => options.ScoreThreshold is not { } limit || f.Score >= limit)
            .Skip(options.Skip)
            .Take(request.Top)
            .ToList();
        var records = HitReader<TRecord>.ReadByVids(connection, transaction, binding, ordinal, [.. fused.Select(f => f.Id)], options.IncludeVectors);
        if (records.Count < fused.Count && transaction is null)
        {
            return null;
        }

        return [.. fused.Where(f => records.ContainsKey(f.Id)).Select(f => new VectorSearchResult<TRecord>(records[f.Id], f.Score))];
    }

    /// <summary>Vids (of vector property <paramref name="ordinal"/>) of the best BM25 matches, best first.</summary>
    private List<long> ReadKeywordRanking(
        PooledConnection connection, SqliteTransaction? transaction, RecordBinding binding, int ordinal, HybridRequest request)
    {
        var sql = binding.Sql;
        if (!sql.HasFullText)
        {
            return [];
        }

        var match = FullTextQuery.AnyOf(request.Keywords, binding.FullTextColumnOf(request.TextProperty));
        if (match is null)
        {
            return [];
        }

        var filter = request.Options.Filter;
        var where = filter is null ? null : SqlFilterTranslator.Translate(filter, Model, binding.ColumnOf);
        var command = connection.Command(sql.SelectKeywordRanking(ordinal, where), transaction);
        PooledConnection.Bind(command, "$match", match);
        PooledConnection.Bind(command, "$depth", request.Depth);
        where?.BindTo(command);
        var vids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vids.Add(reader.GetInt64(0));
        }

        return vids;
    }

    /// <summary>What one hybrid search asks for; <see cref="Depth"/> is how deep each ranking is read before fusion.</summary>
    private sealed record HybridRequest(
        ReadOnlyMemory<float> Query, List<string> Keywords, int Top, HybridSearchOptions<TRecord> Options, DataPropertyModel TextProperty, int Depth);
}
