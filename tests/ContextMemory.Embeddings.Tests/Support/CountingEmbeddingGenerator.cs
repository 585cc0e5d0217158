using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>Wraps a real or scripted generator and records every call that reaches it.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, bool ownsInner = false)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly List<string[]> _calls = [];

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

    public int TextsEmbedded => Calls.Sum(c => c.Length);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        lock (_calls)
        {
            _calls.Add(texts);
        }

        return base.GenerateAsync(texts, options, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (ownsInner)
        {
            base.Dispose(disposing);
        }
    }
}
