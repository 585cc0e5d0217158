namespace ContextMemory;

/// <summary>A page of <see cref="MemoryService.ListAsync"/>: memories newest-created first.</summary>
public sealed class ListOptions
{
    /// <summary>Memories to skip (0 or more).</summary>
    public int Skip { get; init; }

    /// <summary>Memories wanted, 1 to <see cref="MemoryServiceOptions.MaxLimit"/>.</summary>
    public int Take { get; init; } = 50;

    /// <summary>Narrows the list within the scope.</summary>
    public MemoryFilter? Filter { get; init; }
}
