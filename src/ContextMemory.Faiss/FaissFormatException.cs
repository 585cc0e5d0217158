namespace ContextMemory.Faiss;

/// <summary>
/// Persisted index data is damaged, truncated, foreign or larger than allowed. Raised before FAISS parses
/// anything: the container header and checksums are verified first.
/// </summary>
public class FaissFormatException : FaissException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public FaissFormatException()
        : this(FaissErrors.GenericCorrupt)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong with the data.</param>
    public FaissFormatException(string message)
        : base(message, FaissErrorCode.Corrupt)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What is wrong with the data.</param>
    /// <param name="innerException">The cause.</param>
    public FaissFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
