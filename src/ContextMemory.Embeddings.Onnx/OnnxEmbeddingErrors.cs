using System.Globalization;

namespace ContextMemory.Embeddings.Onnx;

/// <summary>Every message the ONNX embedder raises, in one place so tests can assert them.</summary>
internal static class OnnxEmbeddingErrors
{
    public static string UnknownModel(OnnxEmbeddingModel model) =>
        Format("'{0}' is not a known local embedding model; use ArcticEmbedXs or MiniLmL6.", model);

    public static string MaxBatchSizeRange(int value) =>
        Format("MaxBatchSize is {0}; it must be between 1 and {1}.", value, OnnxEmbeddingGeneratorOptions.MaxBatchSizeLimit);

    public static string IntraOpThreadsRange(int value) =>
        Format("IntraOpThreads is {0}; it must be 0 (one per processor) or between 1 and {1}.", value, OnnxEmbeddingGeneratorOptions.ThreadLimit);

    public static string ConcurrentBatchesRange(int value) =>
        Format("ConcurrentBatches is {0}; it must be 0 (one per processor) or between 1 and {1}.", value, OnnxEmbeddingGeneratorOptions.ThreadLimit);

    public static string MaxTokensRange(int value, int modelLimit) =>
        Format("MaxTokens is {0}; it must be between 2 (the [CLS] and [SEP] tokens) and {1}, the model's limit.", value, modelLimit);

    public static string ModelFileMissing(string fileName, string searched) =>
        Format("The model file '{0}' was not found (looked in: {1}); it is copied to the application's 'models' folder by the ContextMemory.Embeddings.Onnx build.", fileName, searched);

    public static string ModelResourceMissing(string fileName, string resource) =>
        Format("The model file '{0}' has no embedded resource '{1}'; it is not the expected SentenceTransformers model package.", fileName, resource);

    public static string ModelResourceDamaged(string fileName, string resource) =>
        Format("The embedded resource '{1}' of the model file '{0}' lies outside the file; the file is damaged.", fileName, resource);

    public const string NullText = "The texts to embed must not contain null.";

    public static string UnexpectedOutputShape(string shape) =>
        Format("The model returned hidden states of shape [{0}]; expected [batch, tokens, dimensions].", shape);

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
