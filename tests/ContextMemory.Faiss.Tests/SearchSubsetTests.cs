using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

public sealed class SearchSubsetTests
{
    public static TheoryData<FaissMetric> Metrics => new() { FaissMetric.L2, FaissMetric.InnerProduct, FaissMetric.Cosine };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Subset_search_equals_brute_force_over_the_given_ids(FaissMetric metric)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data, metric);
        var random = new Random(17);
        for (var q = 0; q < 20; q++)
        {
            var positions = Enumerable.Range(0, 150).Select(_ => random.Next(data.Count)).Distinct().ToArray();
            var ids = positions.Select(p => data.Ids[p]).ToArray();
            var result = index.SearchSubset(data.Query(q), 10, ids);

            var expected = MetricScores.TopK(metric, data.Query(q), data, 10, positions);
            Assert.Equal(expected.Select(e => e.Id), result.Ids);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Score, result.Distances[i], Math.Max(1e-3f, Math.Abs(expected[i].Score) * 1e-4f));
            }
        }
    }

    [Theory]
    [InlineData(IndexKinds.Hnsw)]
    [InlineData(IndexKinds.IvfFlat)]
    public void Subset_search_is_exact_on_approximate_kinds_that_store_full_vectors(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        var positions = Enumerable.Range(0, data.Count).Where(i => i % 11 == 0).ToArray();
        var ids = positions.Select(p => data.Ids[p]).ToArray();
        for (var q = 0; q < 10; q++)
        {
            var result = index.SearchSubset(data.Query(q), 5, ids);
            Assert.Equal(MetricScores.TopK(FaissMetric.L2, data.Query(q), data, 5, positions).Select(e => e.Id), result.Ids);
        }
    }

    [Fact]
    public void Unknown_ids_are_skipped_and_short_subsets_return_what_exists()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        long[] ids = [data.Ids[3], 999_999_999_999_999, data.Ids[8]];
        var result = index.SearchSubset(data.Query(0), 10, ids);
        Assert.Equal(2, result.Count);
        Assert.Equal(new HashSet<long> { data.Ids[3], data.Ids[8] }, result.Ids.ToHashSet());

        var distances = new float[4];
        var labels = new long[4];
        var found = index.SearchSubset(data.Query(0), 4, ids, distances, labels);
        Assert.Equal(2, found);
        Assert.Equal(-1, labels[2]);
        Assert.Equal(-1, labels[3]);

        Assert.Equal(0, index.SearchSubset(data.Query(0), 3, []).Count);
    }
}
