namespace ContextMemory.Embeddings.Onnx;

/// <summary>Options of <see cref="OnnxEmbeddingGenerator"/>.</summary>
public sealed class OnnxEmbeddingGeneratorOptions
{
    /// <summary>The largest accepted <see cref="MaxBatchSize"/>.</summary>
    public const int MaxBatchSizeLimit = 4096;

    /// <summary>The largest accepted <see cref="IntraOpThreads"/>.</summary>
    public const int ThreadLimit = 256;

    /// <summary>The model to run. Default: <see cref="OnnxEmbeddingModel.ArcticEmbedXs"/>.</summary>
    public OnnxEmbeddingModel Model { get; set; } = OnnxEmbeddingModel.ArcticEmbedXs;

    /// <summary>
    /// The most texts run through the model at once (default 8). Texts are sorted by token count and cut into
    /// batches of similar length, each padded only to its own longest text; cancellation is checked between batches.
    /// Because batches hold texts of similar length, sizes from 2 to 32 measured alike here (docs/embeddings.md).
    /// </summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>
    /// Threads ONNX Runtime uses inside one batch (default 1); 0 means one per processor. With the default, the cores
    /// are used by running batches side by side (<see cref="ConcurrentBatches"/>), which measured faster here than
    /// splitting each batch across threads, most of all on a busy machine (docs/embeddings.md).
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// How many batches of one call run at the same time on the one model session; 0 (the default) means one per
    /// processor. A call is cut into at least this many batches when it has enough texts, so every core gets work.
    /// </summary>
    public int ConcurrentBatches { get; set; }

    /// <summary>
    /// The most tokens of one text the model sees, counting the [CLS] and [SEP] tokens and, for queries, the query
    /// prefix (default and maximum 512, the models' limit). Longer texts are truncated: their end is not embedded.
    /// </summary>
    public int MaxTokens { get; set; } = 512;

    /// <summary>
    /// Whether vectors are scaled to unit length (default <see langword="true"/>). Unit vectors make cosine
    /// similarity equal to the dot product, which is what both models were trained for.
    /// </summary>
    public bool Normalize { get; set; } = true;

    internal void Validate()
    {
        var model = ModelDescriptor.For(Model);
        if (MaxBatchSize is < 1 or > MaxBatchSizeLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, OnnxEmbeddingErrors.MaxBatchSizeRange(MaxBatchSize));
        }

        if (IntraOpThreads is < 0 or > ThreadLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, OnnxEmbeddingErrors.IntraOpThreadsRange(IntraOpThreads));
        }

        if (ConcurrentBatches is < 0 or > ThreadLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(ConcurrentBatches), ConcurrentBatches, OnnxEmbeddingErrors.ConcurrentBatchesRange(ConcurrentBatches));
        }

        if (MaxTokens < 2 || MaxTokens > model.MaxPositions)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, OnnxEmbeddingErrors.MaxTokensRange(MaxTokens, model.MaxPositions));
        }
    }
}
