using System.Linq.Expressions;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore;

/// <summary>
/// The database side of a search, shared by <see cref="VectorSearcher{TRecord}"/> and <see cref="HybridSearcher{TRecord}"/>:
/// the query vector, the vids a filter allows, and the records of the hits.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <remarks>Thread-safe; each call works on the connection (and transaction) it is given.</remarks>
internal sealed class HitReader<TRecord>
    where TRecord : class
{
    private readonly CollectionContext _context;

    public HitReader(CollectionContext context) => _context = context;

    /// <summary>The search vector for an input, embedded when needed, validated against the property.</summary>
    public static async Task<ReadOnlyMemory<float>> QueryVectorAsync(object searchValue, VectorPropertyModel property, CancellationToken cancellationToken)
    {
        var query = await VectorInputs.ForSearchAsync(property, searchValue, cancellationToken).ConfigureAwait(false);
        var metric = IndexPlan.MetricOf(property.DistanceFunction ?? FaissModelBuilder.DefaultDistanceFunction);
        VectorChecks.Validate(query.Span, property.Dimensions, metric, property.ModelName, recordIndex: -1);
        return query;
    }

    /// <summary>A filter in SQL over <paramref name="binding"/>'s columns.</summary>
    public SqlFilter Translate(RecordBinding binding, Expression<Func<TRecord, bool>> filter) =>
        SqlFilterTranslator.Translate(filter, _context.Model, binding.ColumnOf);

    /// <summary>
    /// The vids of vector property <paramref name="ordinal"/> whose records match <paramref name="where"/>. With a
    /// <paramref name="cache"/> (and no transaction), a filter matched at the current database version is answered from it.
    /// </summary>
    /// <remarks>The list may be shared with other searches: read it, never change it.</remarks>
    private List<long> ReadMatchingVids(
        PooledConnection connection, SqliteTransaction? transaction, RecordBinding binding, int ordinal, SqlFilter where,
        FilterResultCache? cache)
    {
        if (cache is null || transaction is not null)
        {
            return ReadMatchingVids(connection, transaction, binding, ordinal, where);
        }

        // The version is read before the vids: if a commit lands in between, the vids are newer than the version they are
        // filed under, and that version is already gone for every later lookup.
        var version = _context.Database.DataVersion();
        if (cache.TryGet(ordinal, where, version) is { } cached)
        {
            return cached;
        }

        var vids = ReadMatchingVids(connection, transaction, binding, ordinal, where);
        cache.Add(ordinal, where, version, vids);
        return vids;
    }

    /// <summary>
    /// The nearest vids to <paramref name="query"/> whose records match <paramref name="where"/> (all when null), best
    /// first, at most <paramref name="k"/> of them read: by <see cref="SearchThenFilter"/> when that applies, otherwise
    /// among the matching vids. Null when matching vids are not in the index yet (committed, not yet applied), which is
    /// possible only without a <paramref name="transaction"/> to which the index is caught up: the caller searches again
    /// over one snapshot.
    /// </summary>
    public (IReadOnlyList<long> Ids, IReadOnlyList<float> Distances)? FindNearest(
        PooledConnection connection, SqliteTransaction? transaction, FilterResultCache? filterCache, RecordBinding binding,
        VectorIndex index, ReadOnlySpan<float> query, int k, SqlFilter? where)
    {
        if (where is not null && filterCache is not null && transaction is null
            && SearchThenFilter(connection, binding, index, query, k, where, filterCache) is { } filtered)
        {
            return filtered;
        }

        var allowed = where is null ? null : ReadMatchingVids(connection, transaction, binding, index.Plan.Column.Ordinal, where, filterCache);
        var hits = NearestNeighbours.Find(index, query, k, allowed, _context.IndexOptions.ExactSearchThreshold);
        return allowed is not null && hits.Count < Math.Min(k, allowed.Count) && transaction is null ? null : (hits.Ids, hits.Distances);
    }

    /// <summary>
    /// For a filter known (<see cref="FilterResultCache.MatchedCount"/>) to match most of the collection: an unfiltered
    /// search for a few times <paramref name="k"/> candidates, of which those whose records match the filter are kept, best
    /// first. Null when the filter is too selective for that or unknown, or when fewer than <paramref name="k"/> candidates
    /// passed although the index holds more (the caller then searches among the filter's vids, which is exact).
    /// </summary>
    /// <remarks>
    /// On an exact index the result is the same as searching among the matching vids: every matching vector nearer than the
    /// k-th kept one is among the candidates, so it was kept too.
    /// </remarks>
    private (IReadOnlyList<long> Ids, IReadOnlyList<float> Distances)? SearchThenFilter(
        PooledConnection connection, RecordBinding binding, VectorIndex index, ReadOnlySpan<float> query, int k, SqlFilter where,
        FilterResultCache filterCache)
    {
        var ordinal = index.Plan.Column.Ordinal;
        var live = index.LiveCount;
        if (filterCache.MatchedCount(ordinal, where) is not { } matched || NearestNeighbours.PostFilterCandidates(matched, live, k) is not { } wanted)
        {
            return null;
        }

        var hits = NearestNeighbours.Find(index, query, wanted, allowed: null, _context.IndexOptions.ExactSearchThreshold);
        var candidates = hits.Ids.Take(wanted).ToArray();
        var passing = FilterVids(connection, binding, ordinal, where, candidates);
        var ids = new List<long>(k);
        var distances = new List<float>(k);
        for (var i = 0; i < candidates.Length && ids.Count < k; i++)
        {
            if (passing.Contains(candidates[i]))
            {
                ids.Add(candidates[i]);
                distances.Add(hits.Distances[i]);
            }
        }

        return ids.Count < k && candidates.Length < live ? null : (ids, distances);
    }

    /// <summary>Which of <paramref name="vids"/> (of vector property <paramref name="ordinal"/>) belong to records matching <paramref name="where"/>.</summary>
    private static HashSet<long> FilterVids(PooledConnection connection, RecordBinding binding, int ordinal, SqlFilter where, long[] vids)
    {
        var command = connection.Command(binding.Sql.SelectVidsMatchingAmong(ordinal, where, vids.Length));
        for (var i = 0; i < vids.Length; i++)
        {
            PooledConnection.Bind(command, CollectionSql.ListParameter("v", i), vids[i]);
        }

        where.BindTo(command);
        return ReadVids(command, new HashSet<long>());
    }

    /// <summary>Records by the vids of vector property <paramref name="ordinal"/>, in one query.</summary>
    public static Dictionary<long, TRecord> ReadByVids(
        PooledConnection connection, SqliteTransaction? transaction, RecordBinding binding, int ordinal, long[] vids, bool includeVectors)
    {
        var command = connection.Command(binding.SelectByVids(ordinal, includeVectors, vids.Length), transaction);
        var parameters = command.Parameters;
        if (parameters.Count != vids.Length)
        {
            // First use of this cached command: its parameters are created in the order of the SQL text, and only ever
            // set by position afterwards.
            parameters.Clear();
            for (var i = 0; i < vids.Length; i++)
            {
                parameters.AddWithValue(CollectionSql.ListParameter("v", i), vids[i]);
            }
        }
        else
        {
            for (var i = 0; i < vids.Length; i++)
            {
                parameters[i].Value = vids[i];
            }
        }

        var records = new Dictionary<long, TRecord>(vids.Length);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records[reader.GetInt64(0)] = binding.ReadRecord<TRecord>(reader, 1, includeVectors);
        }

        return records;
    }

    private static List<long> ReadMatchingVids(
        PooledConnection connection, SqliteTransaction? transaction, RecordBinding binding, int ordinal, SqlFilter where)
    {
        var command = connection.Command(binding.Sql.SelectVidsMatching(ordinal, where), transaction);
        where.BindTo(command);
        return ReadVids(command, new List<long>());
    }

    /// <summary>Adds the first column of every row of <paramref name="command"/> (vids) to <paramref name="vids"/>.</summary>
    private static TVids ReadVids<TVids>(SqliteCommand command, TVids vids)
        where TVids : ICollection<long>
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vids.Add(reader.GetInt64(0));
        }

        return vids;
    }
}
