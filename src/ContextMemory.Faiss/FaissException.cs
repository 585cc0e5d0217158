namespace ContextMemory.Faiss;

/// <summary>A failure of FAISS or of the native bridge itself, or one detected by this binding around it.</summary>
/// <remarks>
/// Argument problems are reported as <see cref="ArgumentException"/> before any native call, unsupported
/// operations as <see cref="NotSupportedException"/>, damaged files as <see cref="FaissFormatException"/>, and
/// file-system failures as the <see cref="IOException"/> family (never as a <see cref="FaissException"/>).
/// </remarks>
public class FaissException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public FaissException()
        : this(FaissErrors.GenericFailure)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public FaissException(string message)
        : this(message, FaissErrorCode.None)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public FaissException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a message and the native status that produced it.</summary>
    /// <param name="message">What failed (for native failures, the bridge's message).</param>
    /// <param name="errorCode">The native status.</param>
    public FaissException(string message, FaissErrorCode errorCode)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The native status, or <see cref="FaissErrorCode.None"/> when the binding raised it.</summary>
    public FaissErrorCode ErrorCode { get; }
}
