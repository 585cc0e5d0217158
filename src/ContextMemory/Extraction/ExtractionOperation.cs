namespace ContextMemory.Extraction;

/// <summary>What extraction did with one candidate fact.</summary>
public enum ExtractionOperation
{
    /// <summary>The fact was remembered (added, or merged into a near-identical memory).</summary>
    Add = 0,

    /// <summary>An existing memory of the scope was corrected with the fact.</summary>
    Update = 1,

    /// <summary>An existing memory of the scope was forgotten because the fact contradicts it.</summary>
    Delete = 2,

    /// <summary>Nothing changed: the scope already knew the fact.</summary>
    None = 3,
}
