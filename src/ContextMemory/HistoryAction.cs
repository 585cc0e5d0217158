namespace ContextMemory;

/// <summary>What happened to a memory.</summary>
public enum HistoryAction
{
    /// <summary>Stored.</summary>
    Add,

    /// <summary>Changed by an update.</summary>
    Update,

    /// <summary>A near-duplicate was merged into it.</summary>
    Merge,

    /// <summary>Forgotten.</summary>
    Delete,
}
