namespace ContextMemory;

/// <summary>The parts of a hit's score (when <see cref="RecallOptions.Explain"/> is on).</summary>
public sealed class ScoreComponents
{
    /// <summary>Cosine similarity of the query and the memory's embedding, clamped to 0..1.</summary>
    public double Similarity { get; init; }

    /// <summary>1-based rank in the store's keyword ranking, or <see langword="null"/> when the memory was not a keyword candidate.</summary>
    public int? KeywordRank { get; init; }

    /// <summary>1-based rank in the vector ranking, or <see langword="null"/> when the memory was not a vector candidate.</summary>
    public int? VectorRank { get; init; }

    /// <summary>The fused relevance, 0..1 (<see cref="Similarity"/> when there is no keyword ranking).</summary>
    public double Relevance { get; init; }

    /// <summary>The memory's importance, 0..1 (the Generative Agents method normalises it over the candidates before weighting).</summary>
    public double Importance { get; init; }

    /// <summary>The recency, 0..1: for the product, max(floor, exp(-decay x days since it occurred)) for episodes and 1 for facts; for the Generative Agents method, hourly decay ^ hours since last access (normalised over the candidates before weighting).</summary>
    public double Recency { get; init; }

    /// <summary>The final score, the hit's <see cref="MemoryHit.Score"/>.</summary>
    public double Final { get; init; }
}
