namespace ContextMemory;

/// <summary>How the vector and keyword rankings fuse into one relevance (0..1).</summary>
public enum FusionMethod
{
    /// <summary>
    /// relevance = (1 - w) x similarity + w x (1 / keyword rank), w = <see cref="ScoringOptions.KeywordWeight"/>; a memory
    /// that is no keyword candidate contributes 0 for the keyword part.
    /// </summary>
    Weighted,

    /// <summary>
    /// Reciprocal rank fusion, scaled to 0..1: (1/(60 + vector rank) + 1/(60 + keyword rank)) / (2/61); a ranking the
    /// memory is absent from contributes 0.
    /// </summary>
    ReciprocalRank,
}
