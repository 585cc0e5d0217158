namespace ContextMemory.Faiss.Tests.Support;

/// <summary>
/// Deterministic Gaussian-cluster data: <c>centres</c> random centres, points drawn around them. Queries are
/// fresh draws from the same distribution (not copies of stored points). Drawn by <see cref="ClusteredVectors"/>.
/// </summary>
public sealed class ClusteredData
{
    public ClusteredData(int count, int dimension, int centres = 100, int queryCount = 200, int seed = 42, float spread = ClusteredVectors.DefaultSpread)
    {
        Count = count;
        Dimension = dimension;
        var random = new Random(seed);
        var generator = new ClusteredVectors(dimension, centres, random);
        Vectors = generator.Draw(random, count, spread);
        Queries = generator.Draw(random, queryCount, spread);
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

    /// <summary>The labels of the <paramref name="k"/> nearest stored vectors of every query, k per query.</summary>
    public long[] SearchLabels(FaissIndex index, int k, FaissSearchOptions? options = null)
    {
        var distances = new float[QueryCount * k];
        var labels = new long[QueryCount * k];
        index.Search(Queries, k, distances, labels, options);
        return labels;
    }
}
