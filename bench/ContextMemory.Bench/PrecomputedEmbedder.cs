using Microsoft.Extensions.AI;

namespace ContextMemory.Bench;

/// <summary>
/// An embedder that answers from vectors computed before the measurement (a lookup by text), so recall latency
/// measured through the memory service excludes the model call. It reports a model id and dimension like a real one.
/// </summary>
public sealed class PrecomputedEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<string, float[]> _vectors;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public PrecomputedEmbedder(Dictionary<string, float[]> vectors, int dimensions)
    {
        _vectors = vectors;
        _metadata = new EmbeddingGeneratorMetadata("precomputed", defaultModelId: "precomputed", defaultModelDimensions: dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>([.. values.Select(v => new Embedding<float>(Lookup(v)))]));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    // The memory layer may prefix a query (arctic's query instruction) or add context: match on the text's end.
    private float[] Lookup(string text)
    {
        if (_vectors.TryGetValue(text, out var vector))
        {
            return vector;
        }

        foreach (var (key, value) in _vectors)
        {
            if (text.EndsWith(key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"no precomputed vector for '{text}'");
    }
}
