namespace ContextMemory.VectorStore;

/// <summary>How a <see cref="FaissVectorStore"/> commits to disk.</summary>
public enum FaissStoreDurability
{
    /// <summary>
    /// Every commit is flushed to the storage device before the operation returns: an acknowledged write survives a
    /// process crash and a power loss.
    /// </summary>
    Full = 0,

    /// <summary>
    /// Commits are written to the operating system but flushed only at checkpoints: an acknowledged write survives a
    /// process crash; the last commits may be lost on a power loss. Faster for many small writes.
    /// </summary>
    Normal = 1,
}
