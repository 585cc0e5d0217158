using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>
/// A deterministic embedder for tests where meaning does not matter: each (text, input kind) gets a vector derived
/// from its hash. Reports a model id and dimensions like a real generator.
/// </summary>
public sealed class ScriptedEmbeddingGenerator(string modelId = "scripted-model", int dimensions = 8, string provider = "scripted")
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new(provider, null, modelId, dimensions);

    public static float[] Vector(string text, bool query, int dimensions)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes((query ? "q:" : "d:") + text)), 0);
        var random = new Random(seed);
        return [.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = EmbeddingInputKind.IsQuery(options);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>([.. values.Select(t => new Embedding<float>(Vector(t, query, dimensions)))]));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
