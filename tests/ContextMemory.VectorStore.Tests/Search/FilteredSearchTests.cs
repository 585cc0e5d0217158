using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// Filtered (pre-filtered) search compared with brute force over the matching records, on clustered data, for
/// filters from a handful of matches (answered by an exact scan) through ~1%, ~30% and ~90% (answered by the ANN
/// index with an allow-list) and a filter that selects one region of the space away from most queries. Flat must
/// equal brute force; ANN kinds must reach a recall@10 floor; no kind may return fewer than min(top, matches).
/// </summary>
public sealed class FilteredSearchTests(ITestOutputHelper output) : IDisposable
{
    private const int Dimensions = 32;
    private const int Top = 10;
    private static readonly ClusteredData Data = new(count: 3000, Dimensions, centres: 30, queryCount: 25, seed: 11);
    private static readonly List<ClusterRecord> Records = ClusterCollections.Records(Data);

    private static readonly (string Name, System.Linq.Expressions.Expression<Func<ClusterRecord, bool>> Filter)[] Filters =
    [
        ("a handful", r => r.Bucket < 4),
        ("about 1%", r => r.Bucket >= 500 && r.Bucket < 510),
        ("about 30%", r => r.Bucket < 300),
        ("about 90%", r => r.Bucket >= 100),
        ("one cluster", r => r.Cluster == 7),
    ];

    private readonly TempStore _temp = new(TestOptions.Store(TestOptions.Index(threshold: 1000)));

    /// <summary>Index kinds with the recall@10 each must reach over every filter (1 for exact search).</summary>
    public static TheoryData<string, double> Kinds => new()
    {
        { IndexKind.Flat, 1.0 },
        { IndexKind.Hnsw, 0.9 },
        { IndexKind.IvfFlat, 0.9 },
        { IndexKind.QuantizedFlat, 0.9 },
        { IndexKind.Dynamic, 0.9 },
        { "faiss:HNSW16", 0.9 },
    };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Filters_cover_the_intended_selectivities()
    {
        var counts = Filters.Select(f => Records.Count(f.Filter.Compile())).ToArray();

        Assert.InRange(counts[0], 1, TestOptions.ExactSearchLimit);
        Assert.InRange(counts[1], TestOptions.ExactSearchLimit + 1, 60);
        Assert.InRange(counts[2], 800, 1000);
        Assert.InRange(counts[3], 2600, 2800);
        Assert.InRange(counts[4], 50, 200);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Filtered_search_matches_brute_force_over_the_matching_records(string indexKind, double minimumRecall)
    {
        var kind = IndexKindCase.Of(indexKind);
        var collection = await ClusterCollections.LoadAsync(_temp.Store, "filtered", Records, Dimensions, indexKind, kind.Planned);

        foreach (var (name, filter) in Filters)
        {
            var matches = filter.Compile();
            var recall = 0.0;
            foreach (var query in Data.Queries)
            {
                var oracle = ClusterCollections.Oracle(Records, query, matches);
                var results = await collection.SearchAsync(query, Top, new VectorSearchOptions<ClusterRecord> { Filter = filter }).ToListAsync();

                Assert.Equal(Math.Min(Top, oracle.Count), results.Count);
                Assert.All(results, r => Assert.True(matches(Records[(int)r.Record.Id - 1]), $"{name}: {r.Record.Id} does not match"));
                var truth = oracle.ToDictionary(s => s.Item, s => s.Score);
                Assert.All(results, r => Assert.True(Math.Abs(truth[r.Record.Id] - r.Score!.Value) <= kind.ToleranceFor(truth[r.Record.Id]), $"{name}: score of {r.Record.Id}"));
                var exact = oracle.Take(Top).Select(s => s.Item).ToList();
                if (minimumRecall >= 1)
                {
                    Assert.Equal(exact, results.Select(r => r.Record.Id));
                }

                recall += Recall.Of(results.Select(r => r.Record.Id), exact);
            }

            recall /= Data.Queries.Length;
            output.WriteLine($"{indexKind}, filter {name} ({Records.Count(matches)} matches): recall@{Top} {recall:F3}");
            Assert.True(recall >= minimumRecall, $"{indexKind}, filter {name}: recall@{Top} {recall:F3} < {minimumRecall}");
        }
    }

    [Theory]
    [MemberData(nameof(IndexKindCase.Names), MemberType = typeof(IndexKindCase))]
    public async Task Filtered_search_never_returns_fewer_than_top_or_all_matches(string indexKind)
    {
        var kind = IndexKindCase.Of(indexKind);
        var collection = await ClusterCollections.LoadAsync(_temp.Store, "counts", Records, Dimensions, indexKind, kind.Planned);
        var query = Data.Queries[0];

        foreach (var (name, filter) in Filters)
        {
            var matches = Records.Count(filter.Compile());
            foreach (var top in new[] { 1, 25, 100, 400 })
            {
                var results = await collection.SearchAsync(query, top, new VectorSearchOptions<ClusterRecord> { Filter = filter }).ToListAsync();
                Assert.True(Math.Min(top, matches) == results.Count, $"{name}, top {top}: {results.Count} results of {matches} matches");
                Assert.Equal(results.Count, results.Select(r => r.Record.Id).Distinct().Count());
            }
        }
    }
}
