using System.Linq.Expressions;
using ContextMemory.Faiss;
using ContextMemory.Tests.Shared;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// A filter the store has seen match most of a collection (one agent's scope holding nearly all of its memories) is
/// checked after an unfiltered search for a few times <c>top</c> candidates, instead of reading every matching vid again
/// after each write. The answers are those of the search among the matching vids: exactly the brute-force ranking on a
/// Flat index, with or without Skip and a score threshold; when the filter matches far fewer than it did, or only a
/// region away from the query, the search falls back to the matching vids and is still exact.
/// </summary>
public sealed class PostFilteredSearchTests : IDisposable
{
    private const int Dimensions = 16;
    private const int Top = 10;
    private static readonly ClusteredData Data = new(count: 3_000, Dimensions, centres: 30, queryCount: 12, seed: 77);
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    [InlineData(0.3)]
    public void A_filter_matching_a_quarter_or_more_asks_for_a_few_times_top_candidates(double fraction)
    {
        var candidates = NearestNeighbours.PostFilterCandidates((int)(fraction * 100_000), 100_000, Top);

        Assert.NotNull(candidates);
        Assert.InRange(candidates.Value, 2 * Top, NearestNeighbours.MaxPostFilterCandidates);
        Assert.Equal((int)Math.Ceiling(2.0 * Top / fraction) + 16, candidates.Value);
    }

    [Theory]
    [InlineData(20_000, 100_000, Top)]
    [InlineData(0, 100_000, Top)]
    [InlineData(100_000, 100_000, 1_000)]
    [InlineData(100_000, 100_000, int.MaxValue)]
    [InlineData(int.MaxValue, long.MaxValue, int.MaxValue)]
    [InlineData(100_000, 0, Top)]
    public void A_selective_filter_or_a_large_top_is_searched_among_the_matching_vids(int matched, long live, int k) =>
        Assert.Null(NearestNeighbours.PostFilterCandidates(matched, live, k));

    [Fact]
    public void Candidates_never_exceed_the_live_vectors() =>
        Assert.Equal(30, NearestNeighbours.PostFilterCandidates(matched: 30, live: 30, Top));

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task A_repeated_unselective_filter_after_writes_ranks_like_brute_force_over_its_matches(string indexKind)
    {
        var (collection, records) = await LoadAsync(indexKind);
        Expression<Func<ClusterRecord, bool>> filter = r => r.Bucket < 900;
        var matches = filter.Compile();

        // The first search reads the matching vids (and so learns how many there are); each later one follows a write,
        // which makes the remembered vids unusable, and is answered by the unfiltered search checked against the filter.
        await AssertRanksLikeOracleAsync(collection, records, filter, matches, indexKind, new());
        var recalls = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var changed = records[round * 7];
            changed.Bucket = 950 + round; // no longer matches
            await collection.UpsertAsync(changed);
            recalls.Add(await AssertRanksLikeOracleAsync(collection, records, filter, matches, indexKind, new()));
            recalls.Add(await AssertRanksLikeOracleAsync(collection, records, filter, matches, indexKind, new() { Skip = 5 }));
            recalls.Add(await AssertRanksLikeOracleAsync(collection, records, filter, matches, indexKind, new() { ScoreThreshold = 0.5 }));
        }

        Assert.All(recalls, r => Assert.InRange(r, 0.95, 1.0));
    }

    [Fact]
    public async Task A_filter_that_matches_far_fewer_than_it_did_falls_back_and_stays_exact()
    {
        var (collection, records) = await LoadAsync(IndexKind.Flat);
        Expression<Func<ClusterRecord, bool>> filter = r => r.Bucket < 990;
        await AssertRanksLikeOracleAsync(collection, records, filter, filter.Compile(), IndexKind.Flat, new());

        // Nearly every record leaves the filter in one write: the estimate says 99 %, the truth is 3 records.
        foreach (var record in records.Skip(3))
        {
            record.Bucket = 995;
        }

        await collection.UpsertAsync(records.Skip(3));
        var results = await AssertRanksLikeOracleAsync(collection, records, filter, filter.Compile(), IndexKind.Flat, new());
        Assert.Equal(1.0, results);
        Assert.Equal(3, (await collection.SearchAsync(Data.Queries[0], Top, new VectorSearchOptions<ClusterRecord> { Filter = filter }).ToListAsync()).Count);
    }

    [Fact]
    public async Task A_filter_on_a_region_of_the_space_ranks_like_brute_force_whichever_way_it_is_searched()
    {
        var (collection, records) = await LoadAsync(IndexKind.Flat);

        // A third of the records, in ten of the thirty clusters: for queries near the other clusters the unfiltered
        // candidates hold few of them, and the search falls back to the matching vids.
        Expression<Func<ClusterRecord, bool>> filter = r => r.Cluster < 10;
        await AssertRanksLikeOracleAsync(collection, records, filter, filter.Compile(), IndexKind.Flat, new());
        await collection.UpsertAsync(records[0]);

        Assert.Equal(1.0, await AssertRanksLikeOracleAsync(collection, records, filter, filter.Compile(), IndexKind.Flat, new()));
    }

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task A_repeated_unselective_filter_in_hybrid_search_after_a_write_gives_the_answer_of_the_first_search(string indexKind)
    {
        var collection = await ArticleCollections.LoadAsync(_temp.Store, "post-hybrid-" + indexKind.ToLowerInvariant(), indexKind, Dimensions, 2_000, new Random(4));
        var options = new HybridSearchOptions<ArticleRecord> { Filter = a => a.Section != "c" };
        var queries = TestVectors.Uniform(seed: 12, count: 8, Dimensions);
        var first = new List<List<(int Id, double Score)>>();
        foreach (var query in queries)
        {
            first.Add([.. (await collection.HybridSearchAsync(query, ["number"], Top, options).ToListAsync()).Select(r => (r.Record.Id, r.Score!.Value))]);
        }

        // A record outside the filter: the matches are unchanged, only the database version moves on, so the next searches
        // run on the unfiltered candidates checked against the filter.
        await collection.UpsertAsync(new ArticleRecord { Id = 5_000, Section = "c", Body = "word number 5000", Vector = queries[0] });
        var recalls = new List<double>();
        for (var i = 0; i < queries.Length; i++)
        {
            var again = (await collection.HybridSearchAsync(queries[i], ["number"], Top, options).ToListAsync()).Select(r => (r.Record.Id, r.Score!.Value)).ToList();
            Assert.DoesNotContain(again, r => r.Id == 5_000);
            if (indexKind == IndexKind.Flat)
            {
                Assert.Equal(first[i], again);
            }

            recalls.Add(again.Select(r => r.Id).Intersect(first[i].Select(r => r.Id)).Count() / (double)first[i].Count);
        }

        Assert.InRange(recalls.Average(), 0.9, 1.0);
    }

    /// <summary>
    /// Searches every query with the filter; on Flat asserts the ranking equals brute force over the matching records
    /// (after Skip and threshold), on HNSW returns the recall against it (and asserts every result matches the filter).
    /// </summary>
    private static async Task<double> AssertRanksLikeOracleAsync(
        VectorStoreCollection<long, ClusterRecord> collection, List<ClusterRecord> records, Expression<Func<ClusterRecord, bool>> filter,
        Func<ClusterRecord, bool> matches, string indexKind, VectorSearchOptions<ClusterRecord> options)
    {
        options.Filter = filter;
        var found = 0;
        var expected = 0;
        foreach (var query in Data.Queries)
        {
            var results = await collection.SearchAsync(query, Top, options).ToListAsync();
            var oracle = ClusterCollections.Oracle(records, query, matches)
                .Where(s => options.ScoreThreshold is not { } t || Scoring.Passes(DistanceFunction.CosineSimilarity, s.Score, t)).ToList();
            var byId = records.ToDictionary(r => r.Id);
            Assert.All(results, r => Assert.True(matches(byId[r.Record.Id]), $"{r.Record.Id} does not match the filter"));
            if (indexKind == IndexKind.Flat)
            {
                RankingAssert.Matches(RankingAssert.Pairs(results, r => r.Id), oracle, Top, options.Skip, DistanceFunction.CosineSimilarity, _ => 1e-4);
            }

            var best = oracle.Skip(options.Skip).Take(Top).Select(o => o.Item).ToList();
            expected += best.Count;
            found += results.Select(r => r.Record.Id).Intersect(best).Count();
        }

        return expected == 0 ? 1.0 : found / (double)expected;
    }

    private async Task<(VectorStoreCollection<long, ClusterRecord> Collection, List<ClusterRecord> Records)> LoadAsync(string indexKind)
    {
        var records = ClusterCollections.Records(Data);
        var collection = await ClusterCollections.LoadAsync(
            _temp.Store, "post-" + indexKind.ToLowerInvariant(), records, Dimensions, indexKind,
            indexKind == IndexKind.Flat ? FaissIndexKind.Flat : FaissIndexKind.Hnsw);
        return (collection, records);
    }
}
