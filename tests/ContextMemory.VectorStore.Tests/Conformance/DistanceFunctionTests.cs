using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// Scores and score thresholds for every supported distance function on every index kind, against scores computed
/// with TensorPrimitives: similarities are higher-is-closer and a threshold keeps results at or above it; distances
/// are lower-is-closer and a threshold keeps results at or below it.
/// </summary>
public sealed class DistanceFunctionTests : IDisposable
{
    private const int Count = 240;
    private static readonly IReadOnlyList<Sample> Samples = Sample.Generate(Count, Schema.DefaultDimensions, seed: 99);
    private readonly TempStore _temp = new();
    private readonly TypedShape<long> _shape = new();

    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var distance in Scoring.SupportedDistanceFunctions)
            {
                foreach (var kind in IndexKindCase.All)
                {
                    data.Add(distance, kind.IndexKind);
                }
            }

            return data;
        }
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Scores_equal_the_distance_function_computed_exactly_and_rank_best_first(string distanceFunction, string indexKind)
    {
        var kind = IndexKindCase.Of(indexKind);
        var collection = await SeededAsync(distanceFunction, kind);

        foreach (var query in Queries())
        {
            var results = await collection.SearchAsync(query, 10).ToListAsync();
            RankingAssert.Matches(RankingAssert.Pairs(results, r => r.Key), Oracle(query, distanceFunction), 10, 0, distanceFunction, kind.ToleranceFor);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ScoreThreshold_keeps_results_on_the_better_side_for_the_distance_function(string distanceFunction, string indexKind)
    {
        var kind = IndexKindCase.Of(indexKind);
        var collection = await SeededAsync(distanceFunction, kind);

        foreach (var query in Queries())
        {
            var oracle = Oracle(query, distanceFunction);
            foreach (var rank in new[] { 0, 4, 25 })
            {
                var threshold = oracle[rank].Score;
                var results = await collection.SearchAsync(query, 60, new VectorSearchOptions<ConformanceRecord<long>> { ScoreThreshold = threshold }).ToListAsync();

                Assert.All(results, r => Assert.True(Scoring.Passes(distanceFunction, r.Score!.Value, threshold), $"{r.Score} fails threshold {threshold}"));
                var returned = results.Select(r => r.Record.Key).ToHashSet();
                foreach (var candidate in oracle.Take(60))
                {
                    var margin = Math.Abs(candidate.Score - threshold);
                    if (margin > kind.ToleranceFor(threshold))
                    {
                        Assert.Equal(Scoring.Passes(distanceFunction, candidate.Score, threshold), returned.Contains(candidate.Item));
                    }
                }
            }
        }
    }

    [Fact]
    public async Task ScoreThreshold_applies_after_skip_and_filter()
    {
        var kind = IndexKindCase.Flat;
        var collection = await SeededAsync(DistanceFunction.EuclideanDistance, kind);
        var query = Queries()[0];
        var filter = (ConformanceRecord<long> r) => r.Category == "alpha";
        var oracle = Scoring.Rank(Samples.Where(s => s.Category == "alpha"), s => s.Embedding, query, DistanceFunction.EuclideanDistance);
        var threshold = (oracle[8].Score + oracle[9].Score) / 2;

        var results = await collection.SearchAsync(query, 20, new VectorSearchOptions<ConformanceRecord<long>>
        {
            Filter = r => r.Category == "alpha",
            Skip = 3,
            ScoreThreshold = threshold,
        }).ToListAsync();

        Assert.Equal(oracle.Skip(3).Take(6).Select(s => _shape.Key(s.Item.Ordinal)), results.Select(r => r.Record.Key));
        Assert.All(results, r => Assert.True(filter(r.Record)));
    }

    [Theory]
    [InlineData(DistanceFunction.DotProductSimilarity)]
    [InlineData(DistanceFunction.EuclideanDistance)]
    [InlineData(DistanceFunction.EuclideanSquaredDistance)]
    public async Task An_all_zero_vector_is_valid_where_the_distance_function_is_defined_for_it(string distanceFunction)
    {
        var collection = await SeededAsync(distanceFunction, IndexKindCase.Flat);
        var zero = new float[Schema.DefaultDimensions];
        const long zeroKey = -1;
        await collection.UpsertAsync(new ConformanceRecord<long> { Key = zeroKey, Category = "zero", Embedding = zero });

        var results = await collection.SearchAsync(zero, 5).ToListAsync();

        var oracle = Oracle(zero, distanceFunction);
        oracle.Add(new Scored<long>(zeroKey, Scoring.Score(distanceFunction, zero, zero)));
        oracle = Scoring.HigherIsBetter(distanceFunction) ? [.. oracle.OrderByDescending(s => s.Score)] : [.. oracle.OrderBy(s => s.Score)];
        RankingAssert.Matches(RankingAssert.Pairs(results, r => r.Key), oracle, 5, 0, distanceFunction, IndexKindCase.Flat.ToleranceFor);
        if (!Scoring.HigherIsBetter(distanceFunction))
        {
            Assert.Equal(zeroKey, results[0].Record.Key);
            Assert.Equal(0, results[0].Score!.Value);
        }
    }

    private static float[][] Queries() => [Samples[17].Embedding, .. TestVectors.Uniform(5, 2, Schema.DefaultDimensions)];

    private List<Scored<long>> Oracle(float[] query, string distanceFunction) =>
        [.. Scoring.Rank(Samples, s => s.Embedding, query, distanceFunction).Select(s => new Scored<long>(_shape.Key(s.Item.Ordinal), s.Score))];

    private async Task<VectorStoreCollection<long, ConformanceRecord<long>>> SeededAsync(string distanceFunction, IndexKindCase kind)
    {
        var collection = _shape.Collection(_temp.Store, "distances", new Schema(typeof(long), kind.IndexKind, distanceFunction));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([.. Samples.Select(s => _shape.Create(_shape.Key(s.Ordinal), s, twoVectors: false))]);
        Assert.All(await StoreInternals.IndexKindsAsync(_temp.Store, "distances"), k => Assert.Equal(kind.Planned, k));
        return collection;
    }
}
