namespace ContextMemory.VectorData;

/// <summary>
/// Names of the distance functions a vector property can be compared with. Each constant equals its own name.
/// </summary>
/// <remarks>
/// <para>
/// The distance function decides what a <see cref="VectorSearchResult{TRecord}.Score"/> means. For the
/// <c>*Similarity</c> functions a higher score is a closer match; for the <c>*Distance</c> functions (and
/// <see cref="NegativeDotProductSimilarity"/>) a lower score is a closer match, and
/// <see cref="VectorSearchOptions{TRecord}.ScoreThreshold"/> filters in the matching direction.
/// </para>
/// <para>
/// Providers support a subset and may accept additional provider-specific names; an unsupported name makes
/// the collection throw <see cref="NotSupportedException"/> when it is constructed.
/// </para>
/// </remarks>
public static class DistanceFunction
{
    /// <summary>
    /// Cosine of the angle between the two vectors: 1 for the same direction, 0 for orthogonal, -1 for opposite.
    /// Higher is closer.
    /// </summary>
    public const string CosineSimilarity = nameof(CosineSimilarity);

    /// <summary>
    /// One minus the cosine similarity: 0 for the same direction, up to 2 for opposite directions. Lower is closer.
    /// </summary>
    public const string CosineDistance = nameof(CosineDistance);

    /// <summary>
    /// Dot product of the two vectors (equal to cosine similarity for unit-length vectors). Higher is closer.
    /// </summary>
    public const string DotProductSimilarity = nameof(DotProductSimilarity);

    /// <summary>
    /// The negated dot product, for stores that can only order ascending. Lower is closer.
    /// </summary>
    public const string NegativeDotProductSimilarity = nameof(NegativeDotProductSimilarity);

    /// <summary>
    /// Straight-line (L2) distance between the two vectors, from 0 upwards. Lower is closer.
    /// </summary>
    public const string EuclideanDistance = nameof(EuclideanDistance);

    /// <summary>
    /// Squared Euclidean (L2) distance, from 0 upwards; orders results like <see cref="EuclideanDistance"/>. Lower is closer.
    /// </summary>
    public const string EuclideanSquaredDistance = nameof(EuclideanSquaredDistance);

    /// <summary>
    /// Number of positions at which the two vectors differ. Lower is closer.
    /// </summary>
    public const string HammingDistance = nameof(HammingDistance);

    /// <summary>
    /// Sum of the absolute differences of the coordinates (L1 distance), from 0 upwards. Lower is closer.
    /// </summary>
    public const string ManhattanDistance = nameof(ManhattanDistance);
}
