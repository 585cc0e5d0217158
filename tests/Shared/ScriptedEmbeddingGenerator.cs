using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// A deterministic embedding generator standing in for a model where meaning does not matter: its output is a pure
/// function of the input, and it records every call so tests can count generator round trips.
/// </summary>
/// <typeparam name="TInput">What it embeds.</typeparam>
internal sealed class ScriptedEmbeddingGenerator<TInput> : IEmbeddingGenerator<TInput, Embedding<float>>
{
    private readonly Func<TInput, float[]> _embed;
    private readonly List<TInput[]> _calls = [];

    public ScriptedEmbeddingGenerator(Func<TInput, float[]> embed) => _embed = embed;

    /// <summary>The inputs of every call, in call order.</summary>
    public IReadOnlyList<TInput[]> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>When set, every call returns one embedding fewer than it was given inputs (a broken generator).</summary>
    public bool DropLastEmbedding { get; init; }

    /// <summary>What <see cref="GetService"/> reports as <see cref="EmbeddingGeneratorMetadata"/> (a model id and dimensions), or nothing.</summary>
    public EmbeddingGeneratorMetadata? Metadata { get; init; }

    /// <summary>The vector this generator produces for <paramref name="input"/>.</summary>
    public float[] Embed(TInput input) => _embed(input);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        lock (_calls)
        {
            _calls.Add(inputs);
        }

        var produced = inputs.Select(v => new Embedding<float>(_embed(v)));
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>([.. DropLastEmbedding ? produced.SkipLast(1) : produced]));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

/// <summary>Ready-made scripted generators.</summary>
internal static class ScriptedEmbeddingGenerator
{
    /// <summary>
    /// A text embedder of <paramref name="dimensions"/> dimensions: texts in <paramref name="script"/> get the vector
    /// scripted for them, any other text a vector with components in [-1, 1) drawn from a seed hashed from the text.
    /// </summary>
    public static ScriptedEmbeddingGenerator<string> Text(int dimensions, IReadOnlyDictionary<string, float[]>? script = null)
    {
        var scripted = script is null ? [] : new Dictionary<string, float[]>(script, StringComparer.Ordinal);
        return new ScriptedEmbeddingGenerator<string>(text => scripted.TryGetValue(text, out var vector) ? vector : Hashed(text, dimensions));
    }

    /// <summary>A text embedder whose vectors are [length, first character, marker]: each generator is recognisable by its marker.</summary>
    public static ScriptedEmbeddingGenerator<string> Marked(float marker) =>
        new(text => [text.Length, text.Length == 0 ? 0 : text[0], marker]);

    /// <summary>
    /// A text embedder of <paramref name="dimensions"/> dimensions standing in for a model where word overlap is meaning
    /// enough: every word (lower-cased letters and digits) adds one to a dimension picked by a hash of the word, so texts
    /// sharing words have a higher cosine similarity. The last dimension is a constant, so no text embeds to zero.
    /// </summary>
    public static ScriptedEmbeddingGenerator<string> Words(int dimensions) =>
        new(text => WordCounts(text, dimensions));

    /// <summary>The vector <see cref="Words"/> produces for <paramref name="text"/>.</summary>
    public static float[] WordCounts(string text, int dimensions)
    {
        var vector = new float[dimensions];
        vector[^1] = 0.5f;
        foreach (var word in text.ToLowerInvariant().Split(
            [.. text.Where(c => !char.IsLetterOrDigit(c)).Distinct()], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(word)), 0);
            vector[(int)(hash % (uint)(dimensions - 1))] += 1;
        }

        return vector;
    }

    private static float[] Hashed(string text, int dimensions)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0));
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }
}
