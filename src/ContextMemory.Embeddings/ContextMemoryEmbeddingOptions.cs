namespace ContextMemory.Embeddings;

/// <summary>
/// How the embedding pipeline is built: which embedder, which model, where the endpoint is, and where the persistent
/// cache lives. Bindable from configuration (section <see cref="SectionName"/>); environment variables
/// (<see cref="EmbeddingEnvironment"/>) complete it.
/// </summary>
public sealed class ContextMemoryEmbeddingOptions
{
    /// <summary>The configuration section the options bind from by default.</summary>
    public const string SectionName = "ContextMemory:Embeddings";

    /// <summary>The embedder. Default <see cref="EmbedderKind.Onnx"/>; <see cref="EmbeddingEnvironment.Embedder"/> overrides it.</summary>
    public EmbedderKind Embedder { get; set; }

    /// <summary>
    /// The model. For <see cref="EmbedderKind.Onnx"/>: <c>arctic-embed-xs</c> (default) or <c>minilm</c> (the model ids
    /// <c>snowflake-arctic-embed-xs</c> and <c>all-MiniLM-L6-v2</c> work too). For <see cref="EmbedderKind.OpenAI"/>:
    /// the remote model id, default <c>text-embedding-3-small</c>.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The base URL of an OpenAI-compatible endpoint; unset means OpenAI's own.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The endpoint's API key (required for <see cref="EmbedderKind.OpenAI"/>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The vector length. For a remote model it is requested from the endpoint and every response is checked against
    /// it; unset, OpenAI's known models use their native length and other models must set it. The ONNX models have
    /// 384 dimensions and accept only that value.
    /// </summary>
    public int? Dimensions { get; set; }

    /// <summary>The SQLite file of the persistent embedding cache; unset means no cache.</summary>
    public string? CachePath { get; set; }

    /// <summary>ONNX only: texts per model run (default 8).</summary>
    public int? MaxBatchSize { get; set; }

    /// <summary>ONNX only: ONNX Runtime threads per batch (default 1; 0 = one per processor).</summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>ONNX only: batches of one call run side by side (default 0 = one per processor).</summary>
    public int? ConcurrentBatches { get; set; }

    /// <summary>ONNX only: tokens per text before truncation (default and maximum 512).</summary>
    public int? MaxTokens { get; set; }
}
