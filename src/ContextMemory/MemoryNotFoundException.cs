namespace ContextMemory;

/// <summary>No memory with the id exists in the scope (a memory of another scope is reported the same way, so its existence is not revealed).</summary>
public sealed class MemoryNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public MemoryNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
