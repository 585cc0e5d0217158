using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

/// <summary>The Memory-based overloads behave exactly like the span ones they forward to.</summary>
public sealed class MemoryOverloadTests
{
    [Fact]
    public void Train_add_and_search_through_memory_match_the_span_calls()
    {
        var data = DataSets.Small;
        using var bySpan = IndexKinds.Build(IndexKinds.IvfFlat, data);
        using var byMemory = FaissIndex.Create(data.Dimension, bySpan.Spec, FaissMetric.L2);
        byMemory.Train(new ReadOnlyMemory<float>(data.Vectors));
        byMemory.Add(new ReadOnlyMemory<float>(data.Vectors), new ReadOnlyMemory<long>(data.Ids));

        var distances = new float[data.QueryCount * 5];
        var labels = new long[data.QueryCount * 5];
        byMemory.Search(new ReadOnlyMemory<float>(data.Queries), 5, new Memory<float>(distances), new Memory<long>(labels));
        Assert.Equal(data.SearchLabels(bySpan, 5), labels);
    }

    [Fact]
    public void Search_result_collections_cannot_be_mutated_by_callers()
    {
        using var index = FaissIndex.Create(2, IndexSpec.Flat(), FaissMetric.L2);
        index.Add(new float[] { 0, 0, 1, 1 }, new long[] { 10, 20 });
        var result = index.Search(new float[] { 0, 0 }, 2);
        Assert.Equal(new long[] { 10, 20 }, result.Ids);
        Assert.False(result.Ids is long[]);
        Assert.Equal(0f, result.Distances[0]);
        Assert.Equal(2f, result.Distances[1]);
    }
}
