using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.Tests.Support;

/// <summary>
/// An embedding generator whose output is a pure function of its input, recording every call so tests can count them.
/// </summary>
public sealed class ScriptedEmbeddingGenerator<TInput> : IEmbeddingGenerator<TInput, Embedding<float>>
{
    private readonly Func<TInput, float[]> _embed;
    private readonly List<TInput[]> _calls = [];

    public ScriptedEmbeddingGenerator(Func<TInput, float[]> embed) => _embed = embed;

    /// <summary>Each generator call's inputs, in call order.</summary>
    public IReadOnlyList<TInput[]> Calls => _calls;

    /// <summary>When set, the generator returns one embedding fewer than it was given inputs.</summary>
    public bool DropLastEmbedding { get; init; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        lock (_calls)
        {
            _calls.Add(inputs);
        }

        var produced = inputs.Select(v => new Embedding<float>(_embed(v)));
        if (DropLastEmbedding)
        {
            produced = produced.SkipLast(1);
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(produced.ToList()));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
