using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Storage;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// <see cref="FaissIndexOptions.AdaptFilteredSearch"/>: a filtered HNSW search raises efSearch as its filter allows a
/// smaller fraction of the vectors, and scans the allowed vectors exactly when that is cheaper.
/// </summary>
public sealed class AdaptiveFilteredSearchTests(ITestOutputHelper output) : IDisposable
{
    private const int Dimensions = 32;
    private const int Top = 10;
    private const int EfSearch = 64;
    private static readonly ClusteredData Data = new(count: 24_000, Dimensions, centres: 200, queryCount: 40, seed: 23);
    private static readonly List<ClusterRecord> Records = ClusterCollections.Records(Data);
    private readonly TempStore _temp = new(TestOptions.Store(TestOptions.Index(adaptFilteredSearch: true)));

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(1.0, EfSearch)]
    [InlineData(0.25, EfSearch)]
    [InlineData(0.1, 160)]
    [InlineData(0.01, 1600)]
    public void EfSearch_grows_in_inverse_proportion_to_the_allowed_fraction_below_a_quarter(double fraction, int expected)
    {
        var plan = new IndexPlan(Column(), TestOptions.Index(adaptFilteredSearch: true));

        Assert.Equal(expected, plan.EfSearchFor(Top, fraction));
    }

    [Fact]
    public void EfSearch_stays_fixed_when_adaptation_is_off_and_never_falls_below_k()
    {
        var fixedPlan = new IndexPlan(Column(), TestOptions.Index(adaptFilteredSearch: false));
        var adaptivePlan = new IndexPlan(Column(), TestOptions.Index(adaptFilteredSearch: true));

        Assert.Equal(EfSearch, fixedPlan.EfSearchFor(Top, 0.01));
        Assert.Equal(500, adaptivePlan.EfSearchFor(500, 0.5));
        Assert.Equal(5000, adaptivePlan.EfSearchFor(500, 0.025));
    }

    [Fact]
    public async Task A_tenth_allowed_keeps_hnsw_recall_near_exact_and_not_below_the_fixed_efsearch()
    {
        // 2,400 of 24,000 allowed: more than 12 per unit of the raised efSearch (160), so the graph is searched.
        System.Linq.Expressions.Expression<Func<ClusterRecord, bool>> filter = r => r.Bucket < 100;
        var matches = filter.Compile();
        Assert.InRange(Records.Count(matches), (NearestNeighbours.ExactScanPerEf * 160) + 1, 2_800);

        var adaptive = await RecallAsync(_temp.Store, "adaptive", filter);
        using var fixedTemp = new TempStore(TestOptions.Store(TestOptions.Index(adaptFilteredSearch: false)));
        var fixedEf = await RecallAsync(fixedTemp.Store, "fixed", filter);
        output.WriteLine($"recall@{Top}, a tenth allowed: adaptive {adaptive:F3}, fixed efSearch {EfSearch} {fixedEf:F3}");

        Assert.True(adaptive >= 0.97, $"adaptive recall@{Top} {adaptive:F3} < 0.97");
        Assert.True(adaptive >= fixedEf, $"adaptive recall@{Top} {adaptive:F3} < fixed {fixedEf:F3}");
    }

    [Fact]
    public async Task A_selective_filter_is_answered_by_an_exact_scan_of_the_allowed_vectors()
    {
        // About 960 allowed (4%): efSearch would be 400, and 960 <= 12 x 400, so the allowed vectors are scanned exactly
        // although the store's ExactSearchThreshold is only 16.
        System.Linq.Expressions.Expression<Func<ClusterRecord, bool>> filter = r => r.Bucket < 40;
        var matches = filter.Compile();
        Assert.InRange(Records.Count(matches), TestOptions.ExactSearchLimit + 1, NearestNeighbours.ExactScanPerEf * 400);
        var collection = await ClusterCollections.LoadAsync(
            _temp.Store, "exact", Records, Dimensions, IndexKind.Hnsw, Faiss.FaissIndexKind.Hnsw);

        foreach (var query in Data.Queries)
        {
            var results = await collection.SearchAsync(query, Top, new VectorSearchOptions<ClusterRecord> { Filter = filter }).ToListAsync();

            var exact = ClusterCollections.Oracle(Records, query, matches).Take(Top).Select(s => s.Item);
            Assert.Equal(exact, results.Select(r => r.Record.Id));
        }
    }

    private static StoredVectorColumn Column() =>
        new(0, "Vector", Dimensions, DistanceFunction.CosineSimilarity, IndexKind.Hnsw);

    private static async Task<double> RecallAsync(
        FaissVectorStore store, string name, System.Linq.Expressions.Expression<Func<ClusterRecord, bool>> filter)
    {
        var collection = await ClusterCollections.LoadAsync(store, name, Records, Dimensions, IndexKind.Hnsw, Faiss.FaissIndexKind.Hnsw);
        var matches = filter.Compile();
        var recall = 0.0;
        foreach (var query in Data.Queries)
        {
            var results = await collection.SearchAsync(query, Top, new VectorSearchOptions<ClusterRecord> { Filter = filter }).ToListAsync();
            var exact = ClusterCollections.Oracle(Records, query, matches).Take(Top).Select(s => s.Item).ToList();
            Assert.Equal(exact.Count, results.Count);
            recall += Recall.Of(results.Select(r => r.Record.Id), exact);
        }

        return recall / Data.Queries.Length;
    }
}
