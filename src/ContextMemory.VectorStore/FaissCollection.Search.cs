using System.Linq.Expressions;
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

/// <content>Vector search.</content>
public partial class FaissCollection<TKey, TRecord>
{
    /// <inheritdoc />
    /// <remarks>
    /// <para><paramref name="searchValue"/> is a vector (<c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c>,
    /// <c>Embedding&lt;float&gt;</c>) or, with an embedding generator configured, a value it embeds (such as a string).</para>
    /// <para><see cref="VectorSearchOptions{TRecord}.Filter"/> is a pre-filter: the results are the nearest among the
    /// records that match, and there are never fewer than <c>min(top, matches)</c> of them (minus <c>Skip</c>). Filters may
    /// use ==, !=, &lt;, &lt;=, &gt;, &gt;=, &amp;&amp;, ||, !, null checks, bool properties, <c>Contains</c> of a property in a
    /// captured collection, <c>Contains</c> and <c>Any</c> over collection-valued (tag) properties, and string StartsWith,
    /// EndsWith and Contains; values are always bound as SQL parameters.</para>
    /// <para>Scores are described on <see cref="FaissCollection{TKey, TRecord}"/>; results come best first.</para>
    /// </remarks>
    /// <exception cref="NotSupportedException">The input type cannot be turned into a vector, or the filter uses a construct
    /// that cannot be translated.</exception>
    /// <exception cref="ArgumentException">The vector has the wrong length or holds NaN or infinity.</exception>
    public override IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        var property = Model.VectorProperty(options.VectorProperty);
        Model.ValidateIncludeVectors(options.IncludeVectors);
        return SearchCoreAsync(searchValue, top, options, property, cancellationToken);
    }

    private async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchCoreAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<TRecord> options, VectorPropertyModel property,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = await QueryVectorAsync(searchValue!, property, cancellationToken).ConfigureAwait(false);
        var results = await RunAsync("Search", () => SearchRecordsAsync(
            query, top, options.Skip, options.Filter, property, options.IncludeVectors, options.ScoreThreshold, cancellationToken)).ConfigureAwait(false);
        foreach (var result in results)
        {
            yield return result;
        }
    }

    /// <summary>The search vector for an input, embedded when needed, validated against the property.</summary>
    private static async Task<ReadOnlyMemory<float>> QueryVectorAsync(object searchValue, VectorPropertyModel property, CancellationToken cancellationToken)
    {
        var query = await VectorInputs.ForSearchAsync(property, searchValue, cancellationToken).ConfigureAwait(false);
        var metric = IndexPlan.MetricOf(property.DistanceFunction ?? FaissModelBuilder.DefaultDistanceFunction);
        VectorChecks.Validate(query.Span, property.Dimensions, metric, property.ModelName, recordIndex: -1);
        return query;
    }

    /// <summary>The nearest records with their scores, best first, after skip and threshold.</summary>
    private async Task<List<VectorSearchResult<TRecord>>> SearchRecordsAsync(
        ReadOnlyMemory<float> query, int top, int skip, Expression<Func<TRecord, bool>>? filter, VectorPropertyModel property,
        bool includeVectors, double? threshold, CancellationToken cancellationToken)
    {
        var (state, binding) = await RequireAsync(cancellationToken).ConfigureAwait(false);
        if (!await state.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Name));
        }

        var index = state.Indexes[binding.IndexSlotOf(property)];
        var k = checked(top + skip);
        cancellationToken.ThrowIfCancellationRequested();
        List<VectorSearchResult<TRecord>>? results;
        using (var lease = _store.Database.Pool.Rent())
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
        var allowed = filter is null ? null : ReadMatchingVids(connection, transaction, binding, column.Ordinal, filter, filterCache);
        var hits = NearestNeighbours.Find(index, query.Span, k, allowed, _indexOptions.ExactSearchThreshold);
        if (allowed is not null && hits.Count < Math.Min(k, allowed.Count) && transaction is null)
        {
            // Matching vids the index does not hold yet: committed, not yet applied.
            return null;
        }

        var end = Math.Min(hits.Count, k);
        if (end <= skip)
        {
            return [];
        }

        var vids = new long[end - skip];
        for (var i = skip; i < end; i++)
        {
            vids[i - skip] = hits.Ids[i];
        }

        var records = ReadByVids(connection, transaction, binding, column.Ordinal, vids, includeVectors);
        if (records.Count < vids.Length && transaction is null)
        {
            return null;
        }

        var results = new List<VectorSearchResult<TRecord>>(vids.Length);
        for (var i = skip; i < end; i++)
        {
            if (records.TryGetValue(hits.Ids[i], out var record))
            {
                var score = Scores.FromFaiss(hits.Distances[i], column.DistanceFunction);
                if (Scores.Passes(score, threshold, column.DistanceFunction))
                {
                    results.Add(new VectorSearchResult<TRecord>(record, score));
                }
            }
        }

        return results;
    }

    /// <summary>The vids of vector property <paramref name="ordinal"/> whose records match the filter.</summary>
    private List<long> ReadMatchingVids(RecordBinding binding, int ordinal, Expression<Func<TRecord, bool>> filter)
    {
        using var lease = _store.Database.Pool.Rent();
        return ReadMatchingVids(lease.Connection, transaction: null, binding, ordinal, filter);
    }

    /// <summary>
    /// The vids of vector property <paramref name="ordinal"/> whose records match the filter. With a <paramref name="cache"/>
    /// (and no transaction), a filter matched at the current database version is answered from it.
    /// </summary>
    /// <remarks>The list may be shared with other searches: read it, never change it.</remarks>
    private List<long> ReadMatchingVids(
        PooledConnection connection, SqliteTransaction? transaction, RecordBinding binding, int ordinal, Expression<Func<TRecord, bool>> filter,
        FilterResultCache? cache = null)
    {
        var where = SqlFilterTranslator.Translate(filter, Model, binding.ColumnOf);
        if (cache is null || transaction is not null)
        {
            return ReadMatchingVids(connection, transaction, binding, ordinal, where);
        }

        // The version is read before the vids: if a commit lands in between, the vids are newer than the version they are
        // filed under, and that version is already gone for every later lookup.
        var version = _store.Database.DataVersion();
        if (cache.TryGet(ordinal, where, version) is { } cached)
        {
            return cached;
        }

        var vids = ReadMatchingVids(connection, transaction, binding, ordinal, where);
        cache.Add(ordinal, where, version, vids);
        return vids;
    }

    private static List<long> ReadMatchingVids(
        PooledConnection connection, SqliteTransaction? transaction, RecordBinding binding, int ordinal, SqlFilter where)
    {
        var command = connection.Command(binding.Sql.SelectVidsMatching(ordinal, where), transaction);
        where.BindTo(command);
        var vids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vids.Add(reader.GetInt64(0));
        }

        return vids;
    }

    /// <summary>Records by the vids of vector property <paramref name="ordinal"/>, in one query.</summary>
    private Dictionary<long, TRecord> ReadByVids(RecordBinding binding, int ordinal, long[] vids, bool includeVectors)
    {
        using var lease = _store.Database.Pool.Rent();
        return ReadByVids(lease.Connection, transaction: null, binding, ordinal, vids, includeVectors);
    }

    private static Dictionary<long, TRecord> ReadByVids(
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
}
