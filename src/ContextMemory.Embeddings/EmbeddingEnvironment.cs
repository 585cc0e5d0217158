namespace ContextMemory.Embeddings;

/// <summary>The environment variables the embedding pipeline reads.</summary>
/// <remarks>
/// <see cref="Embedder"/> overrides the configured embedder; the others only fill in settings the options leave unset.
/// </remarks>
public static class EmbeddingEnvironment
{
    /// <summary><c>onnx</c> or <c>openai</c>: overrides <see cref="ContextMemoryEmbeddingOptions.Embedder"/>.</summary>
    public const string Embedder = "CONTEXTMEMORY_EMBEDDER";

    /// <summary>The model: an ONNX model name (<c>arctic-embed-xs</c>, <c>minilm</c>) or a remote model id.</summary>
    public const string Model = "CONTEXTMEMORY_EMBEDDING_MODEL";

    /// <summary>The vector length a remote model is asked for and checked against.</summary>
    public const string Dimensions = "CONTEXTMEMORY_EMBEDDING_DIMENSIONS";

    /// <summary>The API key of the OpenAI(-compatible) endpoint.</summary>
    public const string ApiKey = "OPENAI_API_KEY";

    /// <summary>The base URL of an OpenAI-compatible endpoint (e.g. <c>http://localhost:11434/v1</c>).</summary>
    public const string BaseUrl = "OPENAI_BASE_URL";
}
