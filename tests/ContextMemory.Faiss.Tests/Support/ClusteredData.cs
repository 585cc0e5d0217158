namespace ContextMemory.Faiss.Tests.Support;

/// <summary>
/// Deterministic Gaussian-cluster data: <c>centres</c> random centres, points drawn around them. Queries are
/// fresh draws from the same distribution (not copies of stored points).
/// </summary>
public sealed class ClusteredData
{
    public ClusteredData(int count, int dimension, int centres = 100, int queryCount = 200, int seed = 42, float spread = 0.35f)
    {
        Count = count;
        Dimension = dimension;
        var random = new Random(seed);
        var centreVectors = new float[centres * dimension];
        for (var i = 0; i < centreVectors.Length; i++)
        {
            centreVectors[i] = NextGaussian(random);
        }

        Vectors = Draw(random, centreVectors, centres, count, dimension, spread);
        Queries = Draw(random, centreVectors, centres, queryCount, dimension, spread);
        QueryCount = queryCount;
        Ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            // Sparse, large and mixed-sign ids: labels must be the caller's, not positions.
            Ids[i] = IdOf(i);
        }
    }

    public int Count { get; }

    public int Dimension { get; }

    public int QueryCount { get; }

    public float[] Vectors { get; }

    public float[] Queries { get; }

    public long[] Ids { get; }

    public static long IdOf(int position) => position % 2 == 0 ? 1_000_000_007L * position + 13 : -(1_000_003L * position) - 2;

    public ReadOnlySpan<float> Vector(int position) => Vectors.AsSpan(position * Dimension, Dimension);

    public ReadOnlySpan<float> Query(int q) => Queries.AsSpan(q * Dimension, Dimension);

    public static float NextGaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private static float[] Draw(Random random, float[] centres, int centreCount, int count, int dimension, float spread)
    {
        var vectors = new float[count * dimension];
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(centreCount);
            for (var d = 0; d < dimension; d++)
            {
                vectors[(i * dimension) + d] = centres[(c * dimension) + d] + (spread * NextGaussian(random));
            }
        }

        return vectors;
    }
}
