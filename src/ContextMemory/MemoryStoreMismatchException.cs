namespace ContextMemory;

/// <summary>The store was created with another embedder (a different model id or vector dimension); nothing was written.</summary>
public sealed class MemoryStoreMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MemoryStoreMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryStoreMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryStoreMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
