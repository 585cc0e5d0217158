namespace ContextMemory.Embeddings;

/// <summary>An embedder returned vectors of another length than configured (or a different number of vectors than texts).</summary>
public sealed class EmbeddingDimensionMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingDimensionMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what came back.</param>
    public EmbeddingDimensionMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What was expected and what came back.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingDimensionMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The configured vector length.</summary>
    public int Expected { get; init; }

    /// <summary>The length the embedder returned (or, for a count mismatch, the number of vectors).</summary>
    public int Actual { get; init; }
}
