using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.OpenAI;

/// <summary>
/// Checks every response of a remote generator: one vector per text, each of the configured length, so a misconfigured
/// model can never put vectors of the wrong size into a store. Reports the configured model id and length as metadata.
/// </summary>
/// <remarks>Thread-safe when the inner generator is.</remarks>
internal sealed class DimensionCheckingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingGeneratorMetadata metadata)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly int _dimensions = metadata.DefaultModelDimensions ?? throw new ArgumentException(EmbeddingErrors.CacheNeedsModelMetadata, nameof(metadata));

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (texts.Contains(null!))
        {
            throw new ArgumentException(EmbeddingErrors.NullText, nameof(values));
        }

        if (texts.Count == 0)
        {
            return [];
        }

        var generated = await base.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        var expected = options?.Dimensions ?? _dimensions;
        var model = metadata.DefaultModelId ?? "?";
        if (generated.Count != texts.Count)
        {
            throw new EmbeddingDimensionMismatchException(EmbeddingErrors.WrongCount(model, generated.Count, texts.Count)) { Expected = texts.Count, Actual = generated.Count };
        }

        foreach (var embedding in generated)
        {
            if (embedding.Vector.Length != expected)
            {
                throw new EmbeddingDimensionMismatchException(EmbeddingErrors.WrongDimensions(model, embedding.Vector.Length, expected)) { Expected = expected, Actual = embedding.Vector.Length };
            }
        }

        return generated;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : base.GetService(serviceType, serviceKey);
    }
}
