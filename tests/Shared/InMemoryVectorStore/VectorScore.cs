using Microsoft.Extensions.VectorData;

namespace ContextMemory.Tests.Shared;

/// <summary>The score of a stored vector against a query under one distance function, computed by brute force.</summary>
internal static class VectorScore
{
    /// <summary>The distance function a vector property that names none uses.</summary>
    public const string DefaultFunction = DistanceFunction.CosineSimilarity;

    /// <summary>Whether the store can score with <paramref name="function"/>.</summary>
    public static bool IsSupported(string function) => function is DistanceFunction.CosineSimilarity or DistanceFunction.CosineDistance
        or DistanceFunction.DotProductSimilarity or DistanceFunction.NegativeDotProductSimilarity
        or DistanceFunction.EuclideanDistance or DistanceFunction.EuclideanSquaredDistance;

    /// <summary>Whether a higher score is closer (a similarity) rather than a lower one (a distance).</summary>
    public static bool HigherIsCloser(string function) =>
        function is DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity;

    /// <summary>The score of <paramref name="stored"/> for <paramref name="query"/>; a zero vector has cosine 0.</summary>
    public static double Of(string function, ReadOnlySpan<float> query, ReadOnlySpan<float> stored) => function switch
    {
        DistanceFunction.CosineSimilarity => Cosine(query, stored),
        DistanceFunction.CosineDistance => 1 - Cosine(query, stored),
        DistanceFunction.DotProductSimilarity => Dot(query, stored),
        DistanceFunction.NegativeDotProductSimilarity => -Dot(query, stored),
        DistanceFunction.EuclideanDistance => Math.Sqrt(SquaredDistance(query, stored)),
        DistanceFunction.EuclideanSquaredDistance => SquaredDistance(query, stored),
        _ => throw new NotSupportedException(InMemoryStoreErrors.UnsupportedDistanceFunction("?", function)),
    };

    /// <summary>Whether <paramref name="score"/> passes a score threshold: at or above it for a similarity, at or below for a distance.</summary>
    public static bool Passes(string function, double score, double? threshold) =>
        threshold is not { } t || (HigherIsCloser(function) ? score >= t : score <= t);

    // Plain loops: the store is meant to be obviously right, not fast.
    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = Math.Sqrt(Dot(a, a) * Dot(b, b));
        return norms == 0 ? 0 : Dot(a, b) / norms;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
