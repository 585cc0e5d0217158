using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Caching;

/// <summary>The keys of one call's texts, which of them are missing, and how the answer is put back in input order.</summary>
internal sealed class CachePlan
{
    private readonly byte[][] _keys;
    private readonly string _modelId;

    private CachePlan(byte[][] keys, byte[][] distinct, IReadOnlyList<string> texts, string modelId, int dimensions)
    {
        _keys = keys;
        DistinctKeys = distinct;
        Texts = texts;
        _modelId = modelId;
        Dimensions = dimensions;
    }

    public IReadOnlyList<string> Texts { get; }

    public byte[][] DistinctKeys { get; }

    public int Dimensions { get; }

    public static CachePlan Create(IReadOnlyList<string> texts, EmbeddingGeneratorMetadata metadata, EmbeddingGenerationOptions? options)
    {
        var provider = metadata.ProviderName ?? string.Empty;
        var model = options?.ModelId ?? metadata.DefaultModelId!;
        var dimensions = options?.Dimensions ?? metadata.DefaultModelDimensions!.Value;
        var kind = EmbeddingInputKind.IsQuery(options) ? EmbeddingInputKind.Query : EmbeddingInputKind.Document;
        var keys = new byte[texts.Count][];
        var distinct = new HashSet<byte[]>(KeyComparer.Instance);
        for (var i = 0; i < texts.Count; i++)
        {
            keys[i] = CacheEntryCodec.Key(provider, model, dimensions, kind, texts[i]);
            distinct.Add(keys[i]);
        }

        return new CachePlan(keys, [.. distinct], texts, model, dimensions);
    }

    /// <summary>Each distinct text the cache does not have, once, with its key.</summary>
    public List<(byte[] Key, string Text)> Missing(Dictionary<byte[], float[]> found)
    {
        var missing = new List<(byte[] Key, string Text)>();
        var queued = new HashSet<byte[]>(KeyComparer.Instance);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!found.ContainsKey(_keys[i]) && queued.Add(_keys[i]))
            {
                missing.Add((_keys[i], Texts[i]));
            }
        }

        return missing;
    }

    public long CountHits(Dictionary<byte[], float[]> found) => _keys.LongCount(found.ContainsKey);

    /// <summary>Checks the inner generator's answer, adds it to <paramref name="found"/>, and returns it as rows to store.</summary>
    public List<(byte[] Key, float[] Vector)> Accept(List<(byte[] Key, string Text)> missing, GeneratedEmbeddings<Embedding<float>> generated, Dictionary<byte[], float[]> found)
    {
        if (generated.Count != missing.Count)
        {
            throw new EmbeddingDimensionMismatchException(EmbeddingErrors.WrongCount(_modelId, generated.Count, missing.Count)) { Expected = missing.Count, Actual = generated.Count };
        }

        var entries = new List<(byte[] Key, float[] Vector)>(missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            var vector = generated[i].Vector.ToArray();
            if (vector.Length != Dimensions)
            {
                throw new EmbeddingDimensionMismatchException(EmbeddingErrors.WrongDimensions(_modelId, vector.Length, Dimensions)) { Expected = Dimensions, Actual = vector.Length };
            }

            found[missing[i].Key] = vector;
            entries.Add((missing[i].Key, vector));
        }

        return entries;
    }

    public GeneratedEmbeddings<Embedding<float>> Assemble(Dictionary<byte[], float[]> found)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(_keys.Length);
        foreach (var key in _keys)
        {
            // Each position gets its own array: a caller that changes one vector must not change another.
            result.Add(new Embedding<float>(found[key].ToArray()) { ModelId = _modelId });
        }

        return result;
    }
}
