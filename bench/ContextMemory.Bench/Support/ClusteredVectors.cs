using System.Numerics.Tensors;

namespace ContextMemory.Bench.Support;

/// <summary>
/// Deterministic clustered unit vectors (Gaussian points around random centres, normalised), closer to real
/// embeddings than uniform noise: ANN graphs behave very differently on the two.
/// </summary>
public static class ClusteredVectors
{
    public static float[] Normalised(int count, int dimension, int centres, int centreSeed, int pointSeed, float spread = 0.35f)
    {
        var random = new Random(centreSeed);
        var centreVectors = new float[centres * dimension];
        for (var i = 0; i < centreVectors.Length; i++)
        {
            centreVectors[i] = Gaussian(random);
        }

        random = new Random(pointSeed);
        var vectors = new float[(long)count * dimension];
        for (var row = 0; row < count; row++)
        {
            var v = vectors.AsSpan(row * dimension, dimension);
            ReadOnlySpan<float> centre = centreVectors.AsSpan(random.Next(centres) * dimension, dimension);
            for (var d = 0; d < dimension; d++)
            {
                v[d] = centre[d] + (spread * Gaussian(random));
            }

            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        }

        return vectors;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
}
