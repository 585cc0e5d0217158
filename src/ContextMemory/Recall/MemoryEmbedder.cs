using System.Collections.Concurrent;
using ContextMemory.Diagnostics;
using Microsoft.Extensions.AI;

namespace ContextMemory.Recall;

/// <summary>
/// Embeds documents and queries (marked with <see cref="EmbeddingInputKind"/>), checks what comes back, and keeps the
/// last query embeddings in a bounded in-process cache (a persistent cache belongs in the generator pipeline).
/// </summary>
internal sealed class MemoryEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, int dimensions, int cacheSize)
{
    private static readonly EmbeddingGenerationOptions QueryOptions = EmbeddingInputKind.ForQuery();
    private static readonly EmbeddingGenerationOptions DocumentOptions = EmbeddingInputKind.ForDocument();

    private readonly ConcurrentDictionary<string, ReadOnlyMemory<float>> _queries = new(StringComparer.Ordinal);

    public int Dimensions => dimensions;

    public async Task<ReadOnlyMemory<float>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        if (_queries.TryGetValue(query, out var cached))
        {
            MemoryTelemetry.QueryCacheHits.Add(1);
            return cached;
        }

        MemoryTelemetry.QueryCacheMisses.Add(1);
        var vector = (await EmbedAsync([query], QueryOptions, cancellationToken).ConfigureAwait(false))[0];
        if (cacheSize > 0)
        {
            if (_queries.Count >= cacheSize)
            {
                _queries.Clear();
            }

            _queries[query] = vector;
        }

        return vector;
    }

    public Task<ReadOnlyMemory<float>[]> DocumentsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        texts.Count == 0 ? Task.FromResult(Array.Empty<ReadOnlyMemory<float>>()) : EmbedAsync(texts, DocumentOptions, cancellationToken);

    private async Task<ReadOnlyMemory<float>[]> EmbedAsync(IReadOnlyList<string> texts, EmbeddingGenerationOptions options, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException(MemoryErrors.WrongVectorCount(embeddings.Count, texts.Count));
        }

        var vectors = new ReadOnlyMemory<float>[texts.Count];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = embeddings[i].Vector;
            if (vectors[i].Length != dimensions)
            {
                throw new InvalidOperationException(MemoryErrors.WrongVectorLength(vectors[i].Length, dimensions));
            }
        }

        return vectors;
    }
}
