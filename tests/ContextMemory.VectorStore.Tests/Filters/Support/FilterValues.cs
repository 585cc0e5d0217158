namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>
/// The value pools records and filters draw from: edge values, collisions (so equality filters select something),
/// unicode, SQL-looking and NUL-bearing strings.
/// </summary>
internal static class FilterValues
{
    public static readonly string LongText = new string('x', 20_000) + "'" + new string('y', 20_000);

    public static readonly string?[] Strings =
    [
        null, "", "a", "A", "ab", "abc", "abd", "b", "ba", "Zeta", "zeta", "é", "e\u0301", "😀", "a😀b", "𝔘nicode", "\0", "a\0b", "ab\0",
        "\0abc", "'", "''", "' OR '1'='1", "'; DROP TABLE t; --", "\" OR 1=1 --", "%", "_", "a%b", "a_b", "\\", "\t\n", "ß", "SS", "İ", "i",
        "\uFFFD", "\uE000", "$f0", "r.p0", "\\'", "x'); DELETE FROM t; --", LongText,
    ];

    public static readonly int[] Ints = [0, 1, -1, 2, 7, 42, 1000, -42, int.MaxValue, int.MinValue, int.MaxValue - 1];

    public static readonly long[] Longs = [0, 1, -1, 42, long.MaxValue, long.MinValue, (1L << 53) + 1, 1L << 53, -(1L << 62), 9_007_199_254_740_993];

    public static readonly short[] Shorts = [0, 1, -1, short.MaxValue, short.MinValue, 300];

    public static readonly double[] Doubles =
    [
        0.0, -0.0, 0.1, 0.2, 0.30000000000000004, 0.3, 1.0, -1.5, 2.5, 1e-300, double.Epsilon, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, 42.0, 1.3176962004736388E-111, 5.2797268280055506E-120, 1.0 / 3,
    ];

    /// <summary>Doubles a JSON array can hold (no infinities).</summary>
    public static readonly double[] FiniteDoubles = [.. Doubles.Where(double.IsFinite)];

    public static readonly float[] Floats =
    [
        0f, -0f, 0.1f, 0.2f, 1f, -1.5f, 2.5f, float.Epsilon, float.MaxValue, float.MinValue, 16777217f, 3.4028235E+38f, 1f / 3, 0.3f,
    ];

    public static readonly DateTime[] DateTimes =
    [
        new(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc),
        new(2024, 2, 29, 12, 0, 0, DateTimeKind.Unspecified),
        new(2024, 2, 29, 12, 0, 0, 1, DateTimeKind.Utc),
        new(1999, 12, 31, 23, 59, 59, DateTimeKind.Local),
        new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        new(2030, 6, 15, 8, 30, 0, DateTimeKind.Unspecified),
    ];

    public static readonly DateTimeOffset[] Offsets =
    [
        new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero),
        new(2024, 2, 29, 17, 30, 0, TimeSpan.FromHours(5.5)),
        new(2024, 2, 29, 4, 0, 0, TimeSpan.FromHours(-8)),
        new(2024, 2, 29, 12, 0, 1, TimeSpan.Zero),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new(2001, 9, 9, 1, 46, 40, TimeSpan.FromHours(14)),
    ];

    public static readonly DateOnly[] Days = [DateOnly.MinValue, DateOnly.MaxValue, new(2024, 2, 29), new(2024, 3, 1), new(1970, 1, 1)];

    public static readonly TimeOnly[] Times = [TimeOnly.MinValue, TimeOnly.MaxValue, new(12, 0), new(12, 0, 0, 1), new(23, 59, 59)];

    public static readonly Guid[] Guids =
    [
        Guid.Empty,
        Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"),
        Guid.Parse("7fffffff-0000-0000-0000-000000000000"),
        Guid.Parse("80000000-0000-0000-0000-000000000000"),
        Guid.Parse("0000000a-0000-0000-0000-000000000000"),
        Guid.Parse("00000009-ffff-0000-0000-000000000000"),
        Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        Guid.Parse("3F2504E0-4F89-11D3-9A0C-0305E82C3302"),
        Guid.Parse("a0000000-0000-0000-8000-000000000000"),
    ];

    /// <summary>Strings that may appear as tags (no surrogate halves; null elements allowed).</summary>
    public static readonly string?[] TagStrings = [.. Strings.Where(s => !ReferenceEquals(s, LongText))];
}
