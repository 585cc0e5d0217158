namespace ContextMemory.Embeddings;

/// <summary>The embedding pipeline cannot be built from its settings (a missing key, an unknown model, a bad value).</summary>
public sealed class EmbeddingConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public EmbeddingConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
