using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// A deterministic text embedder: texts in its script get the vector scripted for them, any other text a vector
/// derived from a hash of it. Records every call so tests can count generator round trips.
/// </summary>
public sealed class ScriptedEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<string, float[]> _script;
    private readonly List<string[]> _calls = [];

    public ScriptedEmbeddingGenerator(int dimensions, IReadOnlyDictionary<string, float[]>? script = null)
    {
        Dimensions = dimensions;
        _script = script is null ? [] : new Dictionary<string, float[]>(script, StringComparer.Ordinal);
    }

    public int Dimensions { get; }

    /// <summary>The inputs of every call, in call order.</summary>
    public IReadOnlyList<string[]> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The vector this generator produces for <paramref name="text"/>.</summary>
    public float[] Embed(string text)
    {
        if (_script.TryGetValue(text, out var scripted))
        {
            return scripted;
        }

        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
        return TestVectors.Uniform(new Random(seed), Dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        lock (_calls)
        {
            _calls.Add(inputs);
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>([.. inputs.Select(text => new Embedding<float>(Embed(text)))]));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
