using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace ContextMemory.Embeddings.OpenAI;

/// <summary>Builds the OpenAI(-compatible) generator through Microsoft.Extensions.AI.OpenAI, wrapped in the dimension check.</summary>
internal static class OpenAIEmbedder
{
    // The native vector lengths of OpenAI's embedding models; any other model must be told its length.
    private static readonly Dictionary<string, int> KnownDimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
    };

    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingSettings settings)
    {
        var key = settings.ApiKey ?? throw new EmbeddingConfigurationException(EmbeddingErrors.MissingApiKey);
        var model = settings.Model ?? EmbeddingSettings.DefaultRemoteModel;
        var dimensions = settings.Dimensions
            ?? (KnownDimensions.TryGetValue(model, out var known) ? known : throw new EmbeddingConfigurationException(EmbeddingErrors.UnknownRemoteDimensions(model)));
        var clientOptions = new OpenAIClientOptions();
        if (settings.Endpoint is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }

        // Only an explicit length is sent: ada-002 and many compatible servers reject the 'dimensions' parameter.
        var inner = new OpenAIClient(new ApiKeyCredential(key), clientOptions)
            .GetEmbeddingClient(model)
            .AsIEmbeddingGenerator(settings.Dimensions);
        var metadata = new EmbeddingGeneratorMetadata("openai", settings.Endpoint ?? clientOptions.Endpoint, model, dimensions);
        return new DimensionCheckingEmbeddingGenerator(inner, metadata);
    }
}
