namespace ContextMemory;

/// <summary>What remembering did.</summary>
public enum RememberOutcome
{
    /// <summary>A new memory was stored.</summary>
    Added,

    /// <summary>The text was merged into an existing, near-identical memory of the same scope and kind.</summary>
    Merged,
}
