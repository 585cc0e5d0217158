using System.Numerics.Tensors;

namespace ContextMemory.Bench.Support;

/// <summary>Deterministic unit vectors: uniform components, L2-normalised (the cosine setting).</summary>
public static class RandomVectors
{
    public static float[] Normalised(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[(long)count * dimension];
        for (long i = 0; i < vectors.LongLength; i++)
        {
            vectors[i] = (random.NextSingle() * 2f) - 1f;
        }

        for (var row = 0; row < count; row++)
        {
            var v = vectors.AsSpan(row * dimension, dimension);
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        }

        return vectors;
    }
}
