namespace ContextMemory;

/// <summary>A memory as the service returns it (a snapshot: changing the store later does not change it).</summary>
public sealed class MemoryRecord
{
    /// <summary>The memory's id, stable for its lifetime (kept by export and import).</summary>
    public Guid Id { get; init; }

    /// <summary>The remembered text, as given (without the context that is embedded with it).</summary>
    public required string Text { get; init; }

    /// <summary>Fact or episode.</summary>
    public MemoryKind Kind { get; init; }

    /// <summary>How much the memory matters, 0..1 (given, or estimated by <see cref="ImportanceHeuristic"/>).</summary>
    public double Importance { get; init; }

    /// <summary>When the remembered thing happened (for episodes, what recency decays from).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the memory was first stored.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the memory was last changed (update or merge).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the memory was last returned by a recall (or created).</summary>
    public DateTimeOffset LastAccessedAt { get; init; }

    /// <summary>The full scope the memory was stored under.</summary>
    public required MemoryScope Scope { get; init; }

    /// <summary>Tags, in the order given.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Where the memory came from (an application-defined label), or <see langword="null"/>.</summary>
    public string? Source { get; init; }

    /// <summary>Who said it (speaker or role), or <see langword="null"/>.</summary>
    public string? Speaker { get; init; }

    /// <summary>The title of the conversation it came from, or <see langword="null"/>.</summary>
    public string? ConversationTitle { get; init; }

    /// <summary>Ids of connected episodes in the same scope (links go both ways).</summary>
    public IReadOnlyList<Guid> Connections { get; init; } = [];

    /// <summary>How many remembered texts this memory stands for: 1, plus one for every merge into it.</summary>
    public int MergedCount { get; init; } = 1;

    /// <summary>The stored embedding; only filled by <see cref="MemoryService.ExportAsync"/>.</summary>
    public ReadOnlyMemory<float>? Embedding { get; init; }
}
