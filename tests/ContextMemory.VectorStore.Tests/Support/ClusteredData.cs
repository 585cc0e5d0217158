namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// Deterministic Gaussian clusters: <c>centres</c> random centres with points drawn around them, and queries drawn
/// fresh from the same distribution (not copies of stored points), the shape on which ANN recall is meaningful.
/// Each point also knows its cluster, which filters use as a category.
/// </summary>
public sealed class ClusteredData
{
    public ClusteredData(int count, int dimensions, int centres, int queryCount, int seed, float spread = 0.35f)
    {
        Dimensions = dimensions;
        var random = new Random(seed);
        var centreVectors = new float[centres][];
        for (var c = 0; c < centres; c++)
        {
            centreVectors[c] = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                centreVectors[c][d] = TestVectors.Gaussian(random);
            }
        }

        Clusters = new int[count];
        Vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            Clusters[i] = random.Next(centres);
            Vectors[i] = Draw(random, centreVectors[Clusters[i]], spread);
        }

        Queries = new float[queryCount][];
        for (var q = 0; q < queryCount; q++)
        {
            Queries[q] = Draw(random, centreVectors[random.Next(centres)], spread);
        }
    }

    public int Dimensions { get; }

    public int Count => Vectors.Length;

    public float[][] Vectors { get; }

    /// <summary>The cluster each vector was drawn from.</summary>
    public int[] Clusters { get; }

    public float[][] Queries { get; }

    private static float[] Draw(Random random, float[] centre, float spread)
    {
        var vector = new float[centre.Length];
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] = centre[d] + (spread * TestVectors.Gaussian(random));
        }

        return vector;
    }
}
