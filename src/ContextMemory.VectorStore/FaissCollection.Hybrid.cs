using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ContextMemory.VectorData;
using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Storage;

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
        var vectorProperty = Model.GetVectorPropertyOrSingle(options);
        var textProperty = Model.GetFullTextDataPropertyOrSingle(options.AdditionalProperty);
        Model.ValidateIncludeVectors(options.IncludeVectors);
        return HybridCoreAsync(searchValue, [.. keywords], top, options, vectorProperty, textProperty, cancellationToken);
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> HybridCoreAsync<TInput>(
        TInput searchValue, List<string> keywords, int top, HybridSearchOptions<TRecord> options, VectorPropertyModel vectorProperty,
        DataPropertyModel textProperty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = await QueryVectorAsync(searchValue, vectorProperty, cancellationToken).ConfigureAwait(false);
        var results = await RunAsync("HybridSearch", async () =>
        {
            var (state, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
            if (!await state.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Name));
            }

            var index = state.Indexes[binding.IndexSlotOf(vectorProperty)];
            var ordinal = index.Plan.Column.Ordinal;
            var depth = Math.Max(MinHybridDepth, checked(top + options.Skip) * HybridDepthFactor);
            var allowed = options.Filter is null ? null : ReadMatchingVids(binding, ordinal, options.Filter);
            var vectorHits = NearestNeighbours.Find(index, query.Span, depth, allowed, _indexOptions.ExactSearchThreshold);
            var byVector = vectorHits.Ids.Take(depth).ToList();
            var byKeyword = ReadKeywordRanking(binding, ordinal, textProperty, keywords, options.Filter, depth);
            var fused = ReciprocalRankFusion.Fuse(byVector, byKeyword)
                .Where(f => options.ScoreThreshold is not { } limit || f.Score >= limit)
                .Skip(options.Skip)
                .Take(top)
                .ToList();
            var records = ReadByVids(binding, ordinal, [.. fused.Select(f => f.Id)], options.IncludeVectors);
            return fused.Where(f => records.ContainsKey(f.Id)).Select(f => new VectorSearchResult<TRecord>(records[f.Id], f.Score)).ToList();
        }).ConfigureAwait(false);
        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>Vids (of vector property <paramref name="ordinal"/>) of the best BM25 matches, best first.</summary>
    private List<long> ReadKeywordRanking(
        RecordBinding binding, int ordinal, DataPropertyModel textProperty, List<string> keywords,
        Expression<Func<TRecord, bool>>? filter, int depth)
    {
        var sql = binding.Sql;
        if (!sql.HasFullText)
        {
            return [];
        }

        var column = binding.ColumnOf(textProperty)[(CollectionSql.RecordAlias.Length + 1)..];
        var match = FullTextQuery.AnyOf(keywords, column);
        if (match is null)
        {
            return [];
        }

        var where = filter is null ? null : SqlFilterTranslator.Translate(filter, Model, binding.ColumnOf);
        using var lease = _store.Database.Pool.Rent();
        var command = lease.Connection.Command(
            $"SELECT sv.vid FROM {sql.FullText} JOIN {sql.Records} {CollectionSql.RecordAlias} ON {CollectionSql.RecordAlias}.rid = {sql.FullText}.rowid " +
            $"JOIN {sql.VectorTable(ordinal)} sv ON sv.rid = {CollectionSql.RecordAlias}.rid " +
            $"WHERE {sql.FullText} MATCH $match{(where is null ? string.Empty : $" AND ({where.Sql})")} ORDER BY bm25({sql.FullText}) LIMIT $depth;");
        PooledConnection.Bind(command, "$match", match);
        PooledConnection.Bind(command, "$depth", depth);
        where?.BindTo(command);
        var vids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vids.Add(reader.GetInt64(0));
        }

        return vids;
    }
}
