namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>Deterministic record contents: the same (id, version, writer) always gives the same text and vector.</summary>
public static class RecordFactory
{
    public const int Dimensions = 24;
    public const int TagCount = 7;

    public static ReliabilityRecord Create(long id, long version, string writer = "w") => new()
    {
        Id = id,
        Version = version,
        Tag = TagOf(id),
        Writer = writer,
        Text = TextOf(id, version, writer),
        Embedding = VectorOf(id, version, writer),
    };

    public static string TagOf(long id) => "t" + (id % TagCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string TextOf(long id, long version, string writer) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"record {id} version {version} by {writer} #{Mix((ulong)id, (ulong)version):x16}");

    public static float[] VectorOf(long id, long version, string writer)
    {
        var state = Mix((ulong)id, (ulong)version ^ StableHash(writer));
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            state = SplitMix(state);
            // Uniform in [-1, 1) with 24 bits of mantissa: exact in float32.
            vector[i] = ((int)(state >> 40) - (1 << 23)) / (float)(1 << 23);
        }

        return vector;
    }

    /// <summary>A query vector that is not any record's vector.</summary>
    public static float[] QueryOf(long seed) => VectorOf(-1 - seed, 0, "query");

    public static bool Matches(ReliabilityRecord record)
    {
        var expected = Create(record.Id, record.Version, record.Writer);
        return record.Tag == expected.Tag && record.Text == expected.Text
            && (record.Embedding.Length == 0 || record.Embedding.Span.SequenceEqual(expected.Embedding.Span));
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }

    private static ulong Mix(ulong a, ulong b) => SplitMix(SplitMix(a) ^ (b * 0xD1B54A32D192ED03UL));

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
