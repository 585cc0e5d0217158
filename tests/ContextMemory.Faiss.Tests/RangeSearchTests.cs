using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

public sealed class RangeSearchTests
{
    [Theory]
    [InlineData(FaissMetric.L2, 6f)]
    [InlineData(FaissMetric.InnerProduct, 40f)]
    [InlineData(FaissMetric.Cosine, 0.95f)]
    public void Flat_range_search_returns_exactly_the_vectors_within_the_radius(FaissMetric metric, float radius)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data, metric);
        const int Queries = 10;
        var result = index.RangeSearch(data.Queries.AsSpan(0, Queries * data.Dimension), radius);
        Assert.Equal(Queries, result.QueryCount);

        long total = 0;
        for (var q = 0; q < Queries; q++)
        {
            var expected = new HashSet<long>();
            for (var p = 0; p < data.Count; p++)
            {
                var score = MetricScores.Score(metric, data.Query(q), data.Vector(p));
                var inside = metric == FaissMetric.L2 ? score < radius : score >= radius;

                // Scores within float rounding of the radius may fall either way; leave them out of the check.
                if (inside && Math.Abs(score - radius) > 1e-3f * Math.Max(1f, Math.Abs(radius)))
                {
                    expected.Add(data.Ids[p]);
                }
            }

            var actual = result.GetIds(q).ToArray().ToHashSet();
            Assert.True(expected.IsSubsetOf(actual), $"query {q}: missing {expected.Except(actual).Count()} ids");
            Assert.True(actual.Count <= expected.Count + 2, $"query {q}: {actual.Count} found, {expected.Count} expected");
            Assert.Equal(result.GetIds(q).Length, result.GetDistances(q).Length);
            total += actual.Count;
        }

        Assert.True(total > 0, "the radius should catch some vectors");
        Assert.Equal(total, result.TotalCount);
    }

    [Fact]
    public void Ivf_range_search_honours_a_selector()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.IvfFlat, data);
        using var selector = FaissIdSelector.Range(0, long.MaxValue);
        var result = index.RangeSearch(data.Queries.AsSpan(0, 5 * data.Dimension), 8f, selector);
        Assert.True(result.TotalCount > 0);
        for (var q = 0; q < 5; q++)
        {
            Assert.All(result.GetIds(q).ToArray(), id => Assert.True(id >= 0));
        }
    }

    [Fact]
    public void Hnsw_range_search_is_not_supported()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Hnsw, data);
        Assert.Throws<NotSupportedException>(() => index.RangeSearch(data.Query(0), 1f));
    }

    [Fact]
    public void Query_index_out_of_range_is_rejected()
    {
        using var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        var result = index.RangeSearch(new float[4], 1f);
        Assert.Equal(1, result.QueryCount);
        Assert.Equal(0, result.GetIds(0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.GetIds(1));
    }
}
