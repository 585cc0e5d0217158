namespace ContextMemory.Tests.Shared;

/// <summary>The exact-search oracle of the tests: every candidate scored, the best k kept.</summary>
internal static class BruteForce
{
    /// <summary>The <paramref name="k"/> best of <paramref name="scored"/>, best first; ties keep the order they came in.</summary>
    /// <param name="scored">Candidates with their score (a similarity or a distance).</param>
    /// <param name="k">How many to keep.</param>
    /// <param name="higherIsBetter">True for similarities, false for distances.</param>
    public static (long Id, float Score)[] TopK(IEnumerable<(long Id, float Score)> scored, int k, bool higherIsBetter) =>
        [.. (higherIsBetter ? scored.OrderByDescending(s => s.Score) : scored.OrderBy(s => s.Score)).Take(k)];

    /// <summary>Squared Euclidean distance, accumulated in double (an oracle independent of any SIMD kernel).</summary>
    public static float SquaredL2(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return (float)sum;
    }
}
