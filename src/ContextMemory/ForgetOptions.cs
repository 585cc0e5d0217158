namespace ContextMemory;

/// <summary>How memories are forgotten.</summary>
public sealed class ForgetOptions
{
    /// <summary>
    /// Erase for real: the memories' history goes too, and the store's compaction (<c>IVectorStoreCompaction</c> through
    /// <c>GetService</c>) removes their bytes from its files. On a store without compaction the call throws
    /// <see cref="MemoryErasureUnavailableException"/> before deleting anything.
    /// </summary>
    public bool Erase { get; init; }

    /// <summary>Who forgot (recorded in history when not erasing).</summary>
    public string? Actor { get; init; }
}
