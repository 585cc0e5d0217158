using ContextMemory.VectorStore.Failures;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Search;

/// <summary>
/// What a search score means for each distance function, converted from FAISS's raw value (inner product of the
/// normalised vectors for cosine, inner product, or squared L2), and which side of a threshold passes.
/// </summary>
internal static class Scores
{
    public static double FromFaiss(float raw, string distanceFunction) => distanceFunction switch
    {
        DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity or DistanceFunction.EuclideanSquaredDistance => raw,
        DistanceFunction.CosineDistance => 1.0 - raw,
        DistanceFunction.EuclideanDistance => Math.Sqrt(Math.Max(0.0, raw)),
        _ => throw new NotSupportedException(VectorStoreErrors.UnsupportedDistanceFunction(distanceFunction)),
    };

    /// <summary>True for similarities (higher is closer), false for distances.</summary>
    public static bool HigherIsCloser(string distanceFunction) =>
        distanceFunction is DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity;

    public static bool Passes(double score, double? threshold, string distanceFunction) =>
        threshold is not { } limit || (HigherIsCloser(distanceFunction) ? score >= limit : score <= limit);
}
