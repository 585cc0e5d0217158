namespace ContextMemory.VectorData;

/// <summary>
/// Thrown when a vector store operation fails in the underlying storage. Providers wrap every storage failure in it;
/// invalid arguments surface as <see cref="ArgumentException"/> and unsupported features as <see cref="NotSupportedException"/> instead.
/// </summary>
public class VectorStoreException : Exception
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreException"/> class.
    /// </summary>
    public VectorStoreException()
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreException"/> class with a message.
    /// </summary>
    /// <param name="message">The message that describes the failure.</param>
    public VectorStoreException(string? message)
        : base(message)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreException"/> class with a message and the failure that caused it.
    /// </summary>
    /// <param name="message">The message that describes the failure.</param>
    /// <param name="innerException">The storage failure that caused this exception.</param>
    public VectorStoreException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets or initializes the name of the vector store system the failing operation ran on (for example <c>faiss</c>).
    /// </summary>
    public string? VectorStoreSystemName { get; init; }

    /// <summary>
    /// Gets or initializes the name of the vector store (database) instance the failing operation ran on.
    /// </summary>
    public string? VectorStoreName { get; init; }

    /// <summary>
    /// Gets or initializes the name of the collection the failing operation ran on, if any.
    /// </summary>
    public string? CollectionName { get; init; }

    /// <summary>
    /// Gets or initializes the name of the failing operation (for example <c>UpsertAsync</c>).
    /// </summary>
    public string? OperationName { get; init; }
}
