using ContextMemory.Embeddings.Onnx;
using ContextMemory.Embeddings.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ContextMemory.Embeddings;

/// <summary>Builds the embedding pipeline the memory layer and the CLI use.</summary>
public static class ContextMemoryEmbeddings
{
    /// <summary>
    /// Builds the embedder the options and the environment (<see cref="EmbeddingEnvironment"/>) select — the local
    /// ONNX model or an OpenAI(-compatible) endpoint with its responses checked — behind the persistent cache when
    /// <see cref="ContextMemoryEmbeddingOptions.CachePath"/> is set, and logging when a logger factory is given.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="loggerFactory">Optional logging for the pipeline and the cache.</param>
    /// <returns>
    /// The generator; dispose it to release the model. Its <see cref="EmbeddingGeneratorMetadata"/>
    /// (<c>GetService(typeof(EmbeddingGeneratorMetadata))</c>) carries the provider, the stable model id and the vector
    /// length, which fix a collection's dimensions and identify the embedder a store was made with.
    /// </returns>
    /// <exception cref="EmbeddingConfigurationException">A setting is missing or invalid (e.g. no API key for OpenAI).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(ContextMemoryEmbeddingOptions options, ILoggerFactory? loggerFactory = null) =>
        CreateGenerator(options, Environment.GetEnvironmentVariable, loggerFactory);

    internal static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(
        ContextMemoryEmbeddingOptions options, Func<string, string?> environment, ILoggerFactory? loggerFactory)
    {
        var settings = EmbeddingSettings.Resolve(options, environment);
        var inner = settings.Embedder == EmbedderKind.OpenAI ? OpenAIEmbedder.Create(settings) : CreateOnnx(settings);
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner);
        if (loggerFactory is not null)
        {
            builder.UseLogging(loggerFactory);
        }

        if (settings.CachePath is { } path)
        {
            builder.UsePersistentCache(path, loggerFactory);
        }

        try
        {
            return builder.Build();
        }
        catch
        {
            inner.Dispose();
            throw;
        }
    }

    private static OnnxEmbeddingGenerator CreateOnnx(EmbeddingSettings settings)
    {
        if (settings.Dimensions is { } dimensions && dimensions != 384)
        {
            throw new EmbeddingConfigurationException(EmbeddingErrors.OnnxDimensions(dimensions));
        }

        var options = new OnnxEmbeddingGeneratorOptions { Model = settings.OnnxModel() };
        options.MaxBatchSize = settings.Source.MaxBatchSize ?? options.MaxBatchSize;
        options.IntraOpThreads = settings.Source.IntraOpThreads ?? options.IntraOpThreads;
        options.ConcurrentBatches = settings.Source.ConcurrentBatches ?? options.ConcurrentBatches;
        options.MaxTokens = settings.Source.MaxTokens ?? options.MaxTokens;
        try
        {
            return new OnnxEmbeddingGenerator(options);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new EmbeddingConfigurationException(exception.Message, exception);
        }
    }
}
