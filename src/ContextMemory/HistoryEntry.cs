namespace ContextMemory;

/// <summary>One change to a memory.</summary>
public sealed class HistoryEntry
{
    /// <summary>Increases with every entry the service writes (orders entries written at the same time).</summary>
    public long Sequence { get; init; }

    /// <summary>The memory changed.</summary>
    public Guid MemoryId { get; init; }

    /// <summary>What happened.</summary>
    public HistoryAction Action { get; init; }

    /// <summary>The text before (null for an add).</summary>
    public string? OldText { get; init; }

    /// <summary>The text after (null for a delete; for a merge, the merged memory's text).</summary>
    public string? NewText { get; init; }

    /// <summary>The memory's scope.</summary>
    public required MemoryScope Scope { get; init; }

    /// <summary>Who made the change, when known.</summary>
    public string? Actor { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; init; }
}
