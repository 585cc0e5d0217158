namespace ContextMemory.Faiss;

/// <summary>
/// The native bridge library could not be loaded. The message lists every file tried with the loader's
/// error for each, and how to build or install what is missing.
/// </summary>
public class FaissNativeLibraryException : FaissException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public FaissNativeLibraryException()
        : this(FaissErrors.GenericLoadFailure)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was tried and why it failed.</param>
    public FaissNativeLibraryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What was tried and why it failed.</param>
    /// <param name="innerException">The cause.</param>
    public FaissNativeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
