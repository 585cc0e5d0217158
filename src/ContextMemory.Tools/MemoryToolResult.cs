namespace ContextMemory.Tools;

/// <summary>
/// What a memory tool returns to a model. Refused input is reported here (<see cref="MemoryToolStatus.Error"/> with a
/// one-line <see cref="Error"/>), never thrown, so a model can correct itself; nothing is changed by a refused call.
/// </summary>
public sealed class MemoryToolResult
{
    /// <summary>One of the <see cref="MemoryToolStatus"/> values.</summary>
    public required string Status { get; init; }

    /// <summary>Why the request was refused, when <see cref="Status"/> is <see cref="MemoryToolStatus.Error"/> or <see cref="MemoryToolStatus.NotFound"/>.</summary>
    public string? Error { get; init; }

    /// <summary>The memory stored, updated or forgotten.</summary>
    public ToolMemory? Memory { get; init; }

    /// <summary>Recall's hits, best first.</summary>
    public IReadOnlyList<ToolMemory>? Memories { get; init; }
}
