namespace ContextMemory;

/// <summary>What a recall found.</summary>
public sealed class RecallResult
{
    /// <summary>The hits, best first, followed by connected memories.</summary>
    public required IReadOnlyList<MemoryHit> Hits { get; init; }

    /// <summary>How long the recall took, query embedding included.</summary>
    public TimeSpan Elapsed { get; init; }
}
