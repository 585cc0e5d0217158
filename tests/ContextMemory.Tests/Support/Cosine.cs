namespace ContextMemory.Tests.Support;

/// <summary>An independent cosine (double precision) for checking the service's similarity.</summary>
public static class Cosine
{
    public static double Of(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>The similarity the word embedder of <see cref="MemoryHarness"/> gives two texts.</summary>
    public static double OfWords(string a, string b) =>
        Of(ScriptedEmbeddingGenerator.WordCounts(a, MemoryHarness.Dimensions), ScriptedEmbeddingGenerator.WordCounts(b, MemoryHarness.Dimensions));
}
