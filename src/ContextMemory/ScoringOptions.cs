namespace ContextMemory;

/// <summary>How recall scores candidates. See <see cref="ScoringMethod"/> for the formulas.</summary>
public sealed class ScoringOptions
{
    /// <summary>The formula; the seed's product by default.</summary>
    public ScoringMethod Method { get; set; } = ScoringMethod.Product;

    /// <summary>How the vector and keyword rankings fuse into relevance.</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;

    /// <summary>The keyword part of <see cref="FusionMethod.Weighted"/>, 0..1 (0.10: measured, docs/evaluation.md).</summary>
    public double KeywordWeight { get; set; } = 0.10;

    /// <summary>Weight of relevance (an exponent in the product, a coefficient in the Generative Agents sum).</summary>
    public double RelevanceWeight { get; set; } = 1;

    /// <summary>Weight of importance (an exponent in the product, a coefficient in the Generative Agents sum). 0.25: measured
    /// (docs/evaluation.md); the seed's product is 1.</summary>
    public double ImportanceWeight { get; set; } = 0.25;

    /// <summary>Weight of recency (an exponent in the product, a coefficient in the Generative Agents sum).</summary>
    public double RecencyWeight { get; set; } = 1;

    /// <summary>The product's decay per day since an episode occurred: recency = exp(-rate x days). The seed's 0.05.</summary>
    public double DecayPerDay { get; set; } = 0.05;

    /// <summary>The product's lowest recency, 0..1, so decay cannot bury a highly relevant old episode (0: the seed's pure
    /// product; 0.8: measured, docs/evaluation.md).</summary>
    public double RecencyFloor { get; set; } = 0.8;

    /// <summary>The Generative Agents decay per hour since last access: recency = factor ^ hours. The paper's 0.995.</summary>
    public double HourlyDecay { get; set; } = 0.995;

    /// <summary>How many candidates each ranking fetches per hit wanted (the seed over-fetches 2 x limit).</summary>
    public int OverFetchFactor { get; set; } = 2;
}
