using ContextMemory.Faiss.Tests.Support;
using Xunit.Abstractions;

namespace ContextMemory.Faiss.Tests;

/// <summary>ANN quality is asserted as recall@10 against exact search (a Flat index), never as "returns something".</summary>
public sealed class RecallTests(ITestOutputHelper output)
{
    private const int K = 10;

    private static readonly Lazy<long[]> Exact = new(() =>
    {
        using var flat = IndexKinds.Build(IndexKinds.Flat, DataSets.Recall);
        return DataSets.Recall.SearchLabels(flat, K);
    });

    [Fact]
    public void Flat_oracle_matches_managed_brute_force()
    {
        var data = DataSets.Recall;
        var exact = Exact.Value;
        for (var q = 0; q < 20; q++)
        {
            var expected = MetricScores.TopK(FaissMetric.L2, data.Query(q), data, K).Select(h => h.Id).ToArray();
            Assert.Equal(expected, exact.AsSpan(q * K, K).ToArray());
        }
    }

    [Theory]
    [InlineData(IndexKinds.Hnsw, 0.95)]
    [InlineData(IndexKinds.IvfFlat, 0.95)]
    [InlineData(IndexKinds.Sq8, 0.90)]
    [InlineData(IndexKinds.Pq, 0.30)]
    public void Recall_at_10_against_flat_meets_the_threshold(string kind, double threshold)
    {
        using var index = IndexKinds.Build(kind, DataSets.Recall);
        var recall = Recall.AtK(DataSets.Recall.SearchLabels(index, K), Exact.Value, DataSets.Recall.QueryCount, K);
        output.WriteLine($"{index.Description}: recall@10 = {recall:F4}");
        Assert.True(recall >= threshold, $"{index.Description} recall@10 {recall:F4} is below {threshold}");
    }

    [Fact]
    public void Hnsw_recall_rises_with_ef_search_per_call()
    {
        using var index = IndexKinds.Build(IndexKinds.Hnsw, DataSets.Recall);
        var low = Recall.AtK(DataSets.Recall.SearchLabels(index, K, new FaissSearchOptions { EfSearch = 10 }), Exact.Value, DataSets.Recall.QueryCount, K);
        var high = Recall.AtK(DataSets.Recall.SearchLabels(index, K, new FaissSearchOptions { EfSearch = 256 }), Exact.Value, DataSets.Recall.QueryCount, K);
        output.WriteLine($"efSearch 10: {low:F4}, efSearch 256: {high:F4}");
        Assert.True(high > low, $"efSearch 256 ({high:F4}) should beat efSearch 10 ({low:F4})");
        Assert.True(high >= 0.99, $"efSearch 256 recall {high:F4}");
    }

    [Fact]
    public void Ivf_recall_rises_with_nprobe_per_call_and_is_exact_when_probing_every_list()
    {
        using var index = IndexKinds.Build(IndexKinds.IvfFlat, DataSets.Recall);
        var one = Recall.AtK(DataSets.Recall.SearchLabels(index, K, new FaissSearchOptions { NProbe = 1 }), Exact.Value, DataSets.Recall.QueryCount, K);
        var all = Recall.AtK(DataSets.Recall.SearchLabels(index, K, new FaissSearchOptions { NProbe = index.Spec.NList }), Exact.Value, DataSets.Recall.QueryCount, K);
        output.WriteLine($"nprobe 1: {one:F4}, nprobe {index.Spec.NList}: {all:F4}");
        Assert.True(all > one);
        Assert.Equal(1.0, all, 3);
    }
}
