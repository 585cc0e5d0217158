namespace ContextMemory;

/// <summary>Erasure was asked for, but the vector store offers no compaction (IVectorStoreCompaction through GetService); nothing was deleted.</summary>
public sealed class MemoryErasureUnavailableException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    public MemoryErasureUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryErasureUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryErasureUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
