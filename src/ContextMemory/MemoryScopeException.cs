namespace ContextMemory;

/// <summary>A scope is missing, has no part, or has an invalid part (empty, longer than 256 characters, control characters).</summary>
public sealed class MemoryScopeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public MemoryScopeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MemoryScopeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MemoryScopeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
