namespace ContextMemory.Recall;

/// <summary>The one place vectors are compared or combined.</summary>
internal static class VectorMath
{
    /// <summary>Cosine similarity clamped to 0..1: how "similarity" is reported everywhere (0 for a zero vector).</summary>
    public static double Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.IsEmpty)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : Math.Clamp(dot / Math.Sqrt(na * nb), 0, 1);
    }

    /// <summary>The normalised weighted average of the unit vectors: <paramref name="oldWeight"/> x old + (1 - oldWeight) x new.</summary>
    public static float[] Average(ReadOnlySpan<float> older, ReadOnlySpan<float> newer, double oldWeight)
    {
        var oldScale = oldWeight / Norm(older);
        var newScale = (1 - oldWeight) / Norm(newer);
        var sum = new double[older.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = (oldScale * older[i]) + (newScale * newer[i]);
        }

        var total = Math.Sqrt(sum.Sum(v => v * v));
        var scale = total == 0 ? 1 : 1 / total;
        return [.. sum.Select(v => (float)(v * scale))];
    }

    private static double Norm(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (var x in vector)
        {
            sum += (double)x * x;
        }

        return sum == 0 ? 1 : Math.Sqrt(sum);
    }
}
