namespace ContextMemory;

/// <summary>Narrows list and forget-where within a scope (the scope itself is always applied). Empty filters match all.</summary>
public sealed class MemoryFilter
{
    /// <summary>Only these kinds.</summary>
    public IReadOnlyList<MemoryKind>? Kinds { get; init; }

    /// <summary>Only memories that occurred at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only memories that occurred at or before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only memories carrying every one of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Only memories of this source.</summary>
    public string? Source { get; init; }
}
