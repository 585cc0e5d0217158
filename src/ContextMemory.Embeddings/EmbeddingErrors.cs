using System.Globalization;

namespace ContextMemory.Embeddings;

/// <summary>Every message the embedding pipeline raises or logs, in one place so tests can assert them.</summary>
internal static class EmbeddingErrors
{
    public static string UnknownEmbedder(string value) =>
        Format("'{0}' is not an embedder; {1} takes 'onnx' or 'openai'.", value, EmbeddingEnvironment.Embedder);

    public static string UnknownOnnxModel(string value) =>
        Format("'{0}' is not a local embedding model; use 'arctic-embed-xs' (default) or 'minilm'.", value);

    public static string OnnxDimensions(int value) =>
        Format("The local embedding models produce 384 dimensions; {0} was configured.", value);

    public static string BadDimensions(string value) =>
        Format("'{0}' is not a vector length; the dimensions must be a whole number between 1 and {1}.", value, MaxDimensions);

    public const int MaxDimensions = 65536;

    public const string MissingApiKey =
        "The OpenAI embedder needs an API key: set ContextMemoryEmbeddingOptions.ApiKey or the OPENAI_API_KEY environment variable (an OpenAI-compatible server that ignores keys accepts any non-empty value).";

    public static string BadEndpoint(string value) =>
        Format("'{0}' is not an absolute http(s) URL; the endpoint is the API's base URL, e.g. https://api.openai.com/v1.", value);

    public static string UnknownRemoteDimensions(string model) =>
        Format("The vector length of the model '{0}' is not known; set ContextMemoryEmbeddingOptions.Dimensions or {1}.", model, EmbeddingEnvironment.Dimensions);

    public static string WrongDimensions(string model, int actual, int expected) =>
        Format("The embedder '{0}' returned a vector of {1} dimensions where {2} are configured; check the model and the Dimensions setting.", model, actual, expected);

    public static string WrongCount(string model, int actual, int expected) =>
        Format("The embedder '{0}' returned {1} vectors for {2} texts.", model, actual, expected);

    public const string NullText = "The texts to embed must not contain null.";

    public const string CacheNeedsModelMetadata =
        "The persistent embedding cache needs the inner generator to report its model id and dimensions (EmbeddingGeneratorMetadata.DefaultModelId and DefaultModelDimensions): they are part of every cache key.";

    public static string CachePathInvalid(string path) =>
        Format("The embedding cache path '{0}' is not a usable file path.", path);

    public static string CachePathIsDirectory(string path) =>
        Format("The embedding cache path '{0}' is a directory; it must name a file.", path);

    public static string CacheFileForeign(string path) =>
        Format("The file '{0}' is an SQLite database of another application; it is left untouched. Choose another embedding cache path.", path);

    public static string CacheRebuilt(string path, string movedTo, string reason) =>
        Format("The embedding cache '{0}' was damaged ({2}); it was moved to '{1}' and a new, empty cache was created.", path, movedTo, reason);

    public static string CacheUnavailable(string path, string reason) =>
        Format("The embedding cache '{0}' could not be used ({1}); texts are embedded without it.", path, reason);

    public static string CacheEntryInvalid(string path) =>
        Format("An entry of the embedding cache '{0}' failed its length or checksum check; it is embedded again and replaced.", path);

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
