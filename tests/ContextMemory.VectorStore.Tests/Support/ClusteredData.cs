namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// Deterministic Gaussian clusters: <c>centres</c> random centres with points drawn around them, and queries drawn
/// fresh from the same distribution (not copies of stored points), the shape on which ANN recall is meaningful.
/// Each point also knows its cluster, which filters use as a category. Drawn by <see cref="ClusteredVectors"/>, one vector per row.
/// </summary>
public sealed class ClusteredData
{
    public ClusteredData(int count, int dimensions, int centres, int queryCount, int seed, float spread = ClusteredVectors.DefaultSpread)
    {
        Dimensions = dimensions;
        var random = new Random(seed);
        var generator = new ClusteredVectors(dimensions, centres, random);
        Clusters = new int[count];
        Vectors = Rows(generator.Draw(random, count, spread, Clusters), dimensions);
        Queries = Rows(generator.Draw(random, queryCount, spread), dimensions);
    }

    public int Dimensions { get; }

    public int Count => Vectors.Length;

    public float[][] Vectors { get; }

    /// <summary>The cluster each vector was drawn from.</summary>
    public int[] Clusters { get; }

    public float[][] Queries { get; }

    private static float[][] Rows(float[] flat, int dimensions) =>
        [.. Enumerable.Range(0, flat.Length / dimensions).Select(i => flat.AsSpan(i * dimensions, dimensions).ToArray())];
}
