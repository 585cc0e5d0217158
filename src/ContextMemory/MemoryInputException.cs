namespace ContextMemory;

/// <summary>An argument the memory layer refuses: text too long or holding NUL, a tag, limit or importance out of range. Nothing was written.</summary>
public sealed class MemoryInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public MemoryInputException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
