using System.Numerics.Tensors;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>The score oracle: what a search score means for each distance function, computed in managed code.</summary>
public static class Scoring
{
    /// <summary>Every distance function the store supports.</summary>
    public static IReadOnlyList<string> SupportedDistanceFunctions { get; } =
    [
        DistanceFunction.CosineSimilarity, DistanceFunction.CosineDistance, DistanceFunction.DotProductSimilarity,
        DistanceFunction.EuclideanDistance, DistanceFunction.EuclideanSquaredDistance,
    ];

    public static double Score(string distanceFunction, ReadOnlySpan<float> query, ReadOnlySpan<float> vector) => distanceFunction switch
    {
        DistanceFunction.CosineSimilarity => TensorPrimitives.CosineSimilarity(query, vector),
        DistanceFunction.CosineDistance => 1.0 - TensorPrimitives.CosineSimilarity(query, vector),
        DistanceFunction.DotProductSimilarity => TensorPrimitives.Dot(query, vector),
        DistanceFunction.EuclideanDistance => TensorPrimitives.Distance(query, vector),
        DistanceFunction.EuclideanSquaredDistance => Square(TensorPrimitives.Distance(query, vector)),
        _ => throw new ArgumentOutOfRangeException(nameof(distanceFunction), distanceFunction, null),
    };

    public static bool HigherIsBetter(string distanceFunction) =>
        distanceFunction is DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity;

    /// <summary>True when <paramref name="a"/> ranks strictly better than <paramref name="b"/>.</summary>
    public static bool Better(string distanceFunction, double a, double b) => HigherIsBetter(distanceFunction) ? a > b : a < b;

    /// <summary>True when a result with <paramref name="score"/> passes <paramref name="threshold"/> (inclusive).</summary>
    public static bool Passes(string distanceFunction, double score, double threshold) =>
        HigherIsBetter(distanceFunction) ? score >= threshold : score <= threshold;

    /// <summary>Every item with its score, best first; ties keep the input order.</summary>
    public static List<Scored<T>> Rank<T>(IEnumerable<T> items, Func<T, ReadOnlyMemory<float>> vector, ReadOnlyMemory<float> query, string distanceFunction)
    {
        var scored = items.Select(item => new Scored<T>(item, Score(distanceFunction, query.Span, vector(item).Span))).ToList();
        return HigherIsBetter(distanceFunction)
            ? [.. scored.OrderByDescending(s => s.Score)]
            : [.. scored.OrderBy(s => s.Score)];
    }

    private static double Square(float value) => (double)value * value;
}
