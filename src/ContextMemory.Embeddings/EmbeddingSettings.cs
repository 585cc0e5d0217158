using System.Globalization;
using ContextMemory.Embeddings.Onnx;

namespace ContextMemory.Embeddings;

/// <summary>The options completed from the environment and validated: what the factory builds from.</summary>
internal sealed record EmbeddingSettings(
    EmbedderKind Embedder, string? Model, Uri? Endpoint, string? ApiKey, int? Dimensions, string? CachePath, ContextMemoryEmbeddingOptions Source)
{
    public const string DefaultRemoteModel = "text-embedding-3-small";

    /// <summary>Applies <see cref="EmbeddingEnvironment"/> to <paramref name="options"/>.</summary>
    public static EmbeddingSettings Resolve(ContextMemoryEmbeddingOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var embedder = Value(environment, EmbeddingEnvironment.Embedder) is { } kind ? ParseEmbedder(kind) : options.Embedder;
        var dimensions = options.Dimensions ?? (Value(environment, EmbeddingEnvironment.Dimensions) is { } text ? ParseDimensions(text) : null);
        if (dimensions is { } configured && (configured < 1 || configured > EmbeddingErrors.MaxDimensions))
        {
            throw new EmbeddingConfigurationException(EmbeddingErrors.BadDimensions(configured.ToString(CultureInfo.InvariantCulture)));
        }

        var endpoint = Blank(options.Endpoint) ?? Value(environment, EmbeddingEnvironment.BaseUrl);
        return new EmbeddingSettings(
            embedder,
            Blank(options.Model) ?? Value(environment, EmbeddingEnvironment.Model),
            endpoint is null ? null : ParseEndpoint(endpoint),
            Blank(options.ApiKey) ?? Value(environment, EmbeddingEnvironment.ApiKey),
            dimensions,
            Blank(options.CachePath),
            options);
    }

    /// <summary>The ONNX model a model name selects (names are case-insensitive).</summary>
    public OnnxEmbeddingModel OnnxModel() => Model?.Trim().ToUpperInvariant() switch
    {
        null or "ARCTIC" or "ARCTIC-EMBED-XS" or "SNOWFLAKE-ARCTIC-EMBED-XS" or "ARCTICEMBEDXS" => OnnxEmbeddingModel.ArcticEmbedXs,
        "MINILM" or "MINILM-L6" or "ALL-MINILM-L6-V2" or "MINILML6" => OnnxEmbeddingModel.MiniLmL6,
        _ => throw new EmbeddingConfigurationException(EmbeddingErrors.UnknownOnnxModel(Model)),
    };

    private static EmbedderKind ParseEmbedder(string value) => value.Trim().ToUpperInvariant() switch
    {
        "ONNX" or "LOCAL" => EmbedderKind.Onnx,
        "OPENAI" => EmbedderKind.OpenAI,
        _ => throw new EmbeddingConfigurationException(EmbeddingErrors.UnknownEmbedder(value)),
    };

    private static int ParseDimensions(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= EmbeddingErrors.MaxDimensions
            ? parsed
            : throw new EmbeddingConfigurationException(EmbeddingErrors.BadDimensions(value));

    private static Uri ParseEndpoint(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new EmbeddingConfigurationException(EmbeddingErrors.BadEndpoint(value));

    private static string? Value(Func<string, string?> environment, string name) => Blank(environment(name));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
