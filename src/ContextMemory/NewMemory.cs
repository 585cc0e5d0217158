namespace ContextMemory;

/// <summary>What <see cref="MemoryService.RememberAsync"/> stores.</summary>
public sealed class NewMemory
{
    /// <summary>The text to remember (1 to <see cref="MemoryServiceOptions.MaxTextLength"/> characters, no NUL).</summary>
    public required string Text { get; init; }

    /// <summary>Fact (default) or episode.</summary>
    public MemoryKind Kind { get; init; } = MemoryKind.Fact;

    /// <summary>Importance 0..1; <see langword="null"/> takes <see cref="ImportanceHeuristic.Estimate"/> of the text.</summary>
    public double? Importance { get; init; }

    /// <summary>When it happened; <see langword="null"/> means now (from the service's time provider).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Tags (each 1 to <see cref="MemoryServiceOptions.MaxTagLength"/> characters, no control characters).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Where it came from (an application-defined label).</summary>
    public string? Source { get; init; }

    /// <summary>Who said it (speaker or role); embedded with the text by default.</summary>
    public string? Speaker { get; init; }

    /// <summary>The conversation's title; embedded with the text when <see cref="MemoryTextContext.ConversationTitle"/> is on.</summary>
    public string? ConversationTitle { get; init; }

    /// <summary>
    /// Whether this memory may be merged into a near-identical memory of the same scope and kind
    /// (<see cref="MemoryServiceOptions.MergeThreshold"/>). Default <see langword="true"/>; set it to
    /// <see langword="false"/> when each stored item must stay a separate record (e.g. memories addressed by a key).
    /// </summary>
    public bool MergeWithSimilar { get; init; } = true;
}
