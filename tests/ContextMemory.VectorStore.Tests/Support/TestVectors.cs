namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>Deterministic vectors from a seeded generator.</summary>
public static class TestVectors
{
    /// <summary>A vector with components uniform in [-1, 1).</summary>
    public static float[] Uniform(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }

    /// <summary><paramref name="count"/> vectors with components uniform in [-1, 1).</summary>
    public static float[][] Uniform(int seed, int count, int dimensions)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Uniform(random, dimensions))];
    }
}
