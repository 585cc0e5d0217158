namespace ContextMemory;

/// <summary>One page of memories.</summary>
public sealed class MemoryPage
{
    /// <summary>The memories, newest-created first.</summary>
    public required IReadOnlyList<MemoryRecord> Items { get; init; }

    /// <summary>The skip asked for.</summary>
    public int Skip { get; init; }

    /// <summary>The take asked for.</summary>
    public int Take { get; init; }

    /// <summary>Whether more memories follow this page.</summary>
    public bool HasMore { get; init; }
}
