namespace ContextMemory;

/// <summary>The outcome of remembering one text.</summary>
public sealed class RememberResult
{
    /// <summary>The memory as stored: the new one, or the one merged into.</summary>
    public required MemoryRecord Memory { get; init; }

    /// <summary>Added or merged.</summary>
    public RememberOutcome Outcome { get; init; }
}
