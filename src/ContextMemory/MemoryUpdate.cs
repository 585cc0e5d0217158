namespace ContextMemory;

/// <summary>Changes to a memory; unset members stay as they are. A new text is re-embedded.</summary>
public sealed class MemoryUpdate
{
    /// <summary>The new text.</summary>
    public string? Text { get; init; }

    /// <summary>The new importance, 0..1.</summary>
    public double? Importance { get; init; }

    /// <summary>The new tags (replacing the old ones).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The new kind.</summary>
    public MemoryKind? Kind { get; init; }

    /// <summary>Who made the change (recorded in history).</summary>
    public string? Actor { get; init; }
}
