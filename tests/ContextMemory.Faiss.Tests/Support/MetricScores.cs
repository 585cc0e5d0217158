using System.Numerics.Tensors;

namespace ContextMemory.Faiss.Tests.Support;

/// <summary>The scores FAISS reports per metric, computed in managed code, and the exact search over clustered data.</summary>
public static class MetricScores
{
    /// <summary>The score FAISS reports for the metric: squared L2, inner product, or cosine similarity.</summary>
    public static float Score(FaissMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> vector) => metric switch
    {
        FaissMetric.L2 => BruteForce.SquaredL2(query, vector),
        FaissMetric.InnerProduct => TensorPrimitives.Dot(query, vector),
        _ => TensorPrimitives.CosineSimilarity(query, vector),
    };

    public static bool HigherIsBetter(FaissMetric metric) => metric != FaissMetric.L2;

    /// <summary>The k best (id, score) among the candidate positions, best first (<see cref="BruteForce.TopK"/>).</summary>
    public static (long Id, float Score)[] TopK(
        FaissMetric metric, ReadOnlySpan<float> query, ClusteredData data, int k, IEnumerable<int>? positions = null)
    {
        var scored = new List<(long Id, float Score)>();
        foreach (var p in positions ?? Enumerable.Range(0, data.Count))
        {
            scored.Add((data.Ids[p], Score(metric, query, data.Vector(p))));
        }

        return BruteForce.TopK(scored, k, HigherIsBetter(metric));
    }
}
