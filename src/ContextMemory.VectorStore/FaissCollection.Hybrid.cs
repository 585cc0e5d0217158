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

/// <content>Hybrid search: keywords through SQLite FTS5, fused with the vector ranking.</content>
public partial class FaissCollection<TKey, TRecord>
{
    private const int HybridDepthFactor = 4;
    private const int MinHybridDepth = 50;

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
        var query = await QueryVectorAsync(searchValue!, vectorProperty, cancellationToken).ConfigureAwait(false);
        var request = new HybridRequest(query, keywords, top, options, textProperty, HybridDepth(top, options.Skip));
        var results = await RunAsync("HybridSearch", async () =>
        {
            var (state, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
            if (!await state.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Name));
            }

            var index = state.Indexes[binding.IndexSlotOf(vectorProperty)];
            cancellationToken.ThrowIfCancellationRequested();
            List<VectorSearchResult<TRecord>>? found;
            using (var lease = _store.Database.Pool.Rent())
            {
                found = HybridOnce(lease.Connection, transaction: null, state.FilterResults, binding, index, request);
            }

            // As in SearchAsync: when the database and the index disagreed (a record changed while the search ran), search
            // again over one snapshot with the index caught up to exactly that snapshot.
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
        var allowed = options.Filter is null ? null : ReadMatchingVids(connection, transaction, binding, ordinal, options.Filter, filterCache);
        var vectorHits = NearestNeighbours.Find(index, request.Query.Span, request.Depth, allowed, _indexOptions.ExactSearchThreshold);
        if (allowed is not null && vectorHits.Count < Math.Min(request.Depth, allowed.Count) && transaction is null)
        {
            return null;
        }

        var byVector = vectorHits.Ids.Take(request.Depth).ToList();
        var byKeyword = ReadKeywordRanking(connection, transaction, binding, ordinal, request);
        var fused = ReciprocalRankFusion.Fuse(byVector, byKeyword)
            .Where(f => options.ScoreThreshold is not { } limit || f.Score >= limit)
            .Skip(options.Skip)
            .Take(request.Top)
            .ToList();
        var records = ReadByVids(connection, transaction, binding, ordinal, [.. fused.Select(f => f.Id)], options.IncludeVectors);
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
