namespace ContextMemory;

/// <summary>How <see cref="MemoryService.RecallAsync"/> searches.</summary>
public sealed class RecallOptions
{
    /// <summary>Hits wanted, 1 to <see cref="MemoryServiceOptions.MaxLimit"/> (connected memories come on top).</summary>
    public int Limit { get; init; } = 5;

    /// <summary>Drop hits whose relevance (fused similarity, 0..1, before importance and recency) is below this.</summary>
    public double? MinRelevance { get; init; }

    /// <summary>Only these kinds; <see langword="null"/> or empty means both.</summary>
    public IReadOnlyList<MemoryKind>? Kinds { get; init; }

    /// <summary>Only memories that occurred at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only memories that occurred at or before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only memories carrying every one of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Append connected episodes of the hits (up to 2 per hit, 3 in all), marked <see cref="MemoryHit.IsConnection"/>.</summary>
    public bool IncludeConnections { get; init; } = true;

    /// <summary>Fill <see cref="MemoryHit.Components"/> with the parts of each score.</summary>
    public bool Explain { get; init; }

    /// <summary>Where candidates come from; <see langword="null"/> takes <see cref="MemoryServiceOptions.Retrieval"/>.</summary>
    public RetrievalMode? Retrieval { get; init; }

    /// <summary>Whether the hits' last-accessed times are recorded (when <see cref="MemoryServiceOptions.UpdateLastAccessedOnRecall"/>); extraction's comparison searches are not accesses.</summary>
    internal bool RecordAccess { get; init; } = true;
}
