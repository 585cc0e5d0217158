using ContextMemory.Cli.Input;

namespace ContextMemory.Cli.Output;

/// <summary>One recalled memory with its score and the components the score was made of.</summary>
internal sealed class HitJson
{
    public required double Score { get; init; }

    public double? Similarity { get; init; }

    public int? VectorRank { get; init; }

    public int? KeywordRank { get; init; }

    public double? Relevance { get; init; }

    public double? Importance { get; init; }

    public double? Recency { get; init; }

    public bool IsConnection { get; init; }

    public Guid? ConnectedFrom { get; init; }

    public required MemoryLine Memory { get; init; }

    public static HitJson From(MemoryHit hit) => new()
    {
        Score = hit.Score,
        Similarity = hit.Components?.Similarity,
        VectorRank = hit.Components?.VectorRank,
        KeywordRank = hit.Components?.KeywordRank,
        Relevance = hit.Components?.Relevance,
        Importance = hit.Components?.Importance,
        Recency = hit.Components?.Recency,
        IsConnection = hit.IsConnection,
        ConnectedFrom = hit.ConnectedFrom,
        Memory = MemoryLine.From(hit.Memory),
    };
}
