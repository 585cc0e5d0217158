using ContextMemory.Faiss;
using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// Raw FAISS factory descriptions (<c>faiss:...</c>) beyond HNSW: kinds that need training are searched exactly
/// until the training threshold, then trained; kinds that cannot take an allow-list still honour filters; the
/// trained index survives a restart.
/// </summary>
public sealed class FactoryIndexTests : IDisposable
{
    private const int Count = 400;
    private static readonly IReadOnlyList<Sample> Samples = Sample.Generate(Count, Schema.DefaultDimensions, seed: 41);
    private readonly TempStore _temp = new();
    private readonly TypedShape<long> _shape = new();

    /// <summary>
    /// Descriptions, the FAISS kind each has past the threshold, and the recall@10 it must reach. A custom IVF
    /// description probes as many lists as IvfFlat would (FaissIndexOptions.IvfNProbe or max(8, nlist / 8)), not
    /// FAISS's own default of one.
    /// </summary>
    public static TheoryData<string, FaissIndexKind, double> Descriptions => new()
    {
        { "faiss:IVF8,Flat", FaissIndexKind.IvfFlat, 1.0 },
        { "faiss:IVF4,SQ8", FaissIndexKind.Custom, 0.9 },
        { "faiss:PQ4x8np", FaissIndexKind.ProductQuantized, 0.75 },
        { "faiss:HNSW8,Flat", FaissIndexKind.Hnsw, 0.9 },
    };

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Descriptions))]
    public async Task A_factory_index_is_exact_before_training_and_trained_past_the_threshold(string description, FaissIndexKind planned, double minimumRecall)
    {
        var collection = _shape.Collection(_temp.Store, "factory", new Schema(typeof(long), description));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([.. Samples.Take(TestOptions.Threshold / 2).Select(s => _shape.Create(_shape.Key(s.Ordinal), s, twoVectors: false))]);
        var early = await StoreInternals.IndexKindsAsync(_temp.Store, "factory");
        Assert.Equal(planned == FaissIndexKind.Hnsw ? FaissIndexKind.Hnsw : FaissIndexKind.Flat, Assert.Single(early));

        await collection.UpsertAsync([.. Samples.Skip(TestOptions.Threshold / 2).Select(s => _shape.Create(_shape.Key(s.Ordinal), s, twoVectors: false))]);

        Assert.Equal([planned], await StoreInternals.IndexKindsAsync(_temp.Store, "factory"));
        await AssertSearchesAsync(collection, minimumRecall);

        var reopened = _temp.Reopen();
        Assert.Equal([planned], await StoreInternals.IndexKindsAsync(reopened, "factory"));
        await AssertSearchesAsync(_shape.Collection(reopened, "factory", new Schema(typeof(long), description)), minimumRecall);
    }

    private async Task AssertSearchesAsync(VectorStoreCollection<long, ConformanceRecord<long>> collection, double minimumRecall)
    {
        var recall = 0.0;
        var queries = TestVectors.Uniform(43, 10, Schema.DefaultDimensions);
        foreach (var query in queries)
        {
            var exact = Scoring.Rank(Samples, s => s.Embedding, query, DistanceFunction.CosineSimilarity).Take(10).Select(s => _shape.Key(s.Item.Ordinal)).ToList();
            var results = await collection.SearchAsync(query, 10).ToListAsync();
            Assert.Equal(10, results.Count);
            recall += Recall.Of(results.Select(r => r.Record.Key), exact);

            var filtered = await collection.SearchAsync(query, 10, new VectorSearchOptions<ConformanceRecord<long>> { Filter = r => r.Category == Sample.RareCategory }).ToListAsync();
            var rare = Samples.Count(s => s.Category == Sample.RareCategory);
            Assert.Equal(Math.Min(10, rare), filtered.Count);
            Assert.All(filtered, r => Assert.Equal(Sample.RareCategory, r.Record.Category));
        }

        Assert.True(recall / queries.Length >= minimumRecall, $"recall@10 {recall / queries.Length:F3} below {minimumRecall}");
    }
}
