using ContextMemory.Faiss;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// Search quality of the approximate index kinds through the store, as recall@10 against exact search on clustered
/// data (queries drawn fresh from the same clusters), each past the stage where it is exact: IVF trained, SQ8
/// trained, Dynamic switched to HNSW. Flat is asserted to equal exact search, so the reference is what Flat returns.
/// </summary>
public sealed class AnnRecallTests(ITestOutputHelper output) : IDisposable
{
    private const int Dimensions = 64;
    private const int Top = 10;
    private static readonly ClusteredData Data = new(count: 6000, Dimensions, centres: 100, queryCount: 100, seed: 23);
    private static readonly List<ClusterRecord> Records = ClusterCollections.Records(Data);
    private static readonly Lazy<List<long>[]> Exact = new(() =>
        [.. Data.Queries.Select(q => ClusterCollections.Oracle(Records, q).Take(Top).Select(s => s.Item).ToList())]);

    private readonly TempStore _temp = new(TestOptions.Store(TestOptions.Index(threshold: 2000)));

    /// <summary>Index kinds, the FAISS kind each has at 6,000 vectors, and the recall@10 floor.</summary>
    public static TheoryData<string, FaissIndexKind, double> Kinds => new()
    {
        { IndexKind.Hnsw, FaissIndexKind.Hnsw, 0.95 },
        { IndexKind.IvfFlat, FaissIndexKind.IvfFlat, 0.9 },
        { IndexKind.QuantizedFlat, FaissIndexKind.ScalarQuantized8, 0.9 },
        { IndexKind.Dynamic, FaissIndexKind.Hnsw, 0.95 },
        { "faiss:HNSW16", FaissIndexKind.Hnsw, 0.9 },
    };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Flat_search_equals_exact_search()
    {
        var collection = await ClusterCollections.LoadAsync(_temp.Store, "flat", Records, Dimensions, IndexKind.Flat, FaissIndexKind.Flat);

        for (var q = 0; q < Data.Queries.Length; q += 5)
        {
            var results = await collection.SearchAsync(Data.Queries[q], Top).ToListAsync();
            Assert.Equal(Exact.Value[q], results.Select(r => r.Record.Id));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Approximate_kinds_reach_their_recall_floor_against_exact_search(string indexKind, FaissIndexKind planned, double floor)
    {
        var collection = await ClusterCollections.LoadAsync(_temp.Store, "ann", Records, Dimensions, indexKind, planned);

        var recall = 0.0;
        for (var q = 0; q < Data.Queries.Length; q++)
        {
            var results = await collection.SearchAsync(Data.Queries[q], Top).ToListAsync();
            Assert.Equal(Top, results.Count);
            recall += Recall.Of(results.Select(r => r.Record.Id), Exact.Value[q]);
        }

        recall /= Data.Queries.Length;
        output.WriteLine($"{indexKind}: recall@{Top} {recall:F3} over {Data.Queries.Length} queries, {Data.Count} x {Dimensions}");
        Assert.True(recall >= floor, $"{indexKind}: recall@{Top} {recall:F3} below {floor}");
    }
}
