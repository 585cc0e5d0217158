// The filters call these overloads on purpose: their translation is what is tested.
#pragma warning disable CA1309, CA1847, CA1862, CA1865, CA1866, CA2242

namespace ContextMemory.VectorStore.Tests.Filters.Support;

internal static partial class FilterCases
{
    private static IEnumerable<FilterCase> CapturedCollections()
    {
        string?[] names = ["a", "abc", "a\0b", "😀"];
        string?[] namesWithNull = ["abc", null];
        var nameList = new List<string?> { "ab", "'", "" };
        var nameSet = new HashSet<string?> { "b", "ß", "SS" };
        var lazyNames = FilterValues.Strings.Where(s => s is { Length: 1 });
        int[] counts = [42, 7, -1, int.MaxValue];
        int?[] ranks = [42, null];
        long[] longs = [42, 7];
        double[] scores = [0.1, 0.30000000000000004, double.PositiveInfinity, double.NaN, 1.3176962004736388E-111];
        double[] manyScores = [.. FilterValues.FiniteDoubles, 3, 4, 5];
        float[] ratios = [0.1f, 16777217f, -1.5f];
        Guid[] owners = [FilterValues.Guids[0], FilterValues.Guids[6]];
        DateTime[] dates = [new(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc), new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)];
        DateTimeOffset[] stamps = [new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero)];
        bool?[] flags = [true, null];
        string[] none = [];

        yield return new("array contains (span form)", r => names.Contains(r.Name), d => names.Contains((string?)d["Name"]));
        yield return new("array with null contains", r => namesWithNull.Contains(r.Name), d => namesWithNull.Contains((string?)d["Name"]));
        yield return new("!array with null contains", r => !namesWithNull.Contains(r.Name), d => !namesWithNull.Contains((string?)d["Name"]));
        yield return new("inline array contains", r => new[] { 1, 42 }.Contains(r.Count), d => new[] { 1, 42 }.Contains((int)d["Count"]!));
        yield return new("Enumerable.Contains static", r => Enumerable.Contains(names, r.Name), d => Enumerable.Contains(names, (string?)d["Name"]));
        yield return new("List contains", r => nameList.Contains(r.Name), d => nameList.Contains((string?)d["Name"]));
        yield return new("HashSet contains", r => nameSet.Contains(r.Name), d => nameSet.Contains((string?)d["Name"]));
        yield return new("IEnumerable contains", r => lazyNames.Contains(r.Name), d => lazyNames.Contains((string?)d["Name"]));
        yield return new("empty array contains", r => none.Contains(r.Name), d => none.Contains((string?)d["Name"]));
        yield return new("!empty array contains", r => !none.Contains(r.Name), d => !none.Contains((string?)d["Name"]));
        yield return new("int array contains", r => counts.Contains(r.Count), d => counts.Contains((int)d["Count"]!));
        yield return new("int? array with null contains", r => ranks.Contains(r.Rank), d => ranks.Contains((int?)d["Rank"]));
        yield return new("long array contains widened int", r => longs.Contains(r.Count), d => longs.Contains((int)d["Count"]!));
        yield return new("key in array", r => new long[] { 1, 5, 320 }.Contains(r.Key), d => new long[] { 1, 5, 320 }.Contains((long)d["Key"]!));
        yield return new("double array contains", r => scores.Contains(r.Score), d => scores.Contains((double)d["Score"]!));
        yield return new("double array (many) contains", r => manyScores.Contains(r.Score), d => manyScores.Contains((double)d["Score"]!));
        yield return new("!double array contains", r => !scores.Contains(r.Score), d => !scores.Contains((double)d["Score"]!));
        yield return new("float array contains", r => ratios.Contains(r.Ratio), d => ratios.Contains((float)d["Ratio"]!));
        yield return new("Guid array contains", r => owners.Contains(r.Owner), d => owners.Contains((Guid)d["Owner"]!));
        yield return new("DateTime array contains", r => dates.Contains(r.Created), d => dates.Contains((DateTime)d["Created"]!));
        yield return new("DateTimeOffset array contains", r => stamps.Contains(r.Stamp), d => stamps.Contains((DateTimeOffset)d["Stamp"]!));
        yield return new("bool? array contains", r => flags.Contains(r.Flag), d => flags.Contains((bool?)d["Flag"]));
        yield return new("independent contains", r => names.Contains("abc") && r.Count == 42, d => names.Contains("abc") && (int)d["Count"]! == 42);
    }

    private static IEnumerable<FilterCase> CollectionProperties()
    {
        string?[] wanted = ["a", "abc", null];
        int[] wantedNumbers = [42, 7];
        double[] wantedReadings = [0.1, 1.3176962004736388E-111, 5.2797268280055506E-120];
        var owner = FilterValues.Guids[6];
        var middle = FilterValues.Guids[2];

        yield return new("tags contains", r => r.Tags != null && r.Tags.Contains("a"), d => d["Tags"] != null && ((string?[])d["Tags"]!).Contains("a"));
        yield return new("tags contains, unguarded (a span over null is empty)", r => r.Tags!.Contains("a"), d => ((string?[])d["Tags"]!).Contains("a"));
        yield return new("tags contains null", r => r.Tags != null && r.Tags.Contains(null), d => d["Tags"] != null && ((string?[])d["Tags"]!).Contains(null));
        yield return new("tags contains NUL string", r => r.Tags != null && r.Tags.Contains("a\0b"), d => d["Tags"] != null && ((string?[])d["Tags"]!).Contains("a\0b"));
        yield return new("!tags contains", r => !(r.Tags != null && r.Tags.Contains("a")), d => !(d["Tags"] != null && ((string?[])d["Tags"]!).Contains("a")));
        yield return new("tags == null", r => r.Tags == null, d => d["Tags"] == null);
        yield return new("tags any", r => r.Tags != null && r.Tags.Any(), d => d["Tags"] != null && ((string?[])d["Tags"]!).Any());
        yield return new("tags any of captured", r => r.Tags != null && r.Tags.Any(t => wanted.Contains(t)), d => d["Tags"] != null && ((string?[])d["Tags"]!).Any(t => wanted.Contains(t)));
        yield return new("tags any ==", r => r.Tags != null && r.Tags.Any(t => t == "abc"), d => d["Tags"] != null && ((string?[])d["Tags"]!).Any(t => t == "abc"));
        yield return new("tags any starts with", r => r.Tags != null && r.Tags.Any(t => t != null && t.StartsWith("a", StringComparison.Ordinal)), d => d["Tags"] != null && ((string?[])d["Tags"]!).Any(t => t != null && t.StartsWith("a", StringComparison.Ordinal)));
        yield return new("tags all not null", r => r.Tags != null && r.Tags.All(t => t != null), d => d["Tags"] != null && ((string?[])d["Tags"]!).All(t => t != null));
        yield return new("tags any == name", r => r.Tags != null && r.Tags.Any(t => t == r.Name), d => d["Tags"] != null && ((string?[])d["Tags"]!).Any(t => t == (string?)d["Name"]));
        yield return new("tags contains name", r => r.Tags != null && r.Tags.Contains(r.Category), d => d["Tags"] != null && ((string?[])d["Tags"]!).Contains((string)d["Category"]!));
        yield return new("numbers contains", r => r.Numbers != null && r.Numbers.Contains(42), d => d["Numbers"] != null && ((List<int>)d["Numbers"]!).Contains(42));
        yield return new("numbers any >", r => r.Numbers != null && r.Numbers.Any(n => n > 40), d => d["Numbers"] != null && ((List<int>)d["Numbers"]!).Any(n => n > 40));
        yield return new("numbers all >= 0", r => r.Numbers != null && r.Numbers.All(n => n >= 0), d => d["Numbers"] != null && ((List<int>)d["Numbers"]!).All(n => n >= 0));
        yield return new("numbers any of captured", r => r.Numbers != null && r.Numbers.Any(n => wantedNumbers.Contains(n)), d => d["Numbers"] != null && ((List<int>)d["Numbers"]!).Any(n => wantedNumbers.Contains(n)));
        yield return new("numbers any == count", r => r.Numbers != null && r.Numbers.Any(n => n == r.Count), d => d["Numbers"] != null && ((List<int>)d["Numbers"]!).Any(n => n == (int)d["Count"]!));
        yield return new("readings contains", r => r.Readings != null && r.Readings.Contains(0.1), d => d["Readings"] != null && ((double[])d["Readings"]!).Contains(0.1));
        yield return new("readings contains hard double", r => r.Readings != null && r.Readings.Contains(1.3176962004736388E-111), d => d["Readings"] != null && ((double[])d["Readings"]!).Contains(1.3176962004736388E-111));
        yield return new("readings any >", r => r.Readings != null && r.Readings.Any(x => x > 0.2), d => d["Readings"] != null && ((double[])d["Readings"]!).Any(x => x > 0.2));
        yield return new("readings any < -inf", r => r.Readings != null && r.Readings.Any(x => x < double.NegativeInfinity), d => d["Readings"] != null && ((double[])d["Readings"]!).Any(x => x < double.NegativeInfinity));
        yield return new("readings all < +inf", r => r.Readings != null && r.Readings.All(x => x < double.PositiveInfinity), d => d["Readings"] != null && ((double[])d["Readings"]!).All(x => x < double.PositiveInfinity));
        yield return new("readings any of captured", r => r.Readings != null && r.Readings.Any(x => wantedReadings.Contains(x)), d => d["Readings"] != null && ((double[])d["Readings"]!).Any(x => wantedReadings.Contains(x)));
        yield return new("levels contains", r => r.Levels != null && r.Levels.Contains(0.1f), d => d["Levels"] != null && ((float[])d["Levels"]!).Contains(0.1f));
        yield return new("levels any > 0.1 as double", r => r.Levels != null && r.Levels.Any(x => x > 0.1), d => d["Levels"] != null && ((float[])d["Levels"]!).Any(x => x > 0.1));
        yield return new("levels any == 0.1f", r => r.Levels != null && r.Levels.Any(x => x == 0.1f), d => d["Levels"] != null && ((float[])d["Levels"]!).Any(x => x == 0.1f));
        yield return new("links contains", r => r.Links != null && r.Links.Contains(owner), d => d["Links"] != null && ((List<Guid>)d["Links"]!).Contains(owner));
        yield return new("links any >", r => r.Links != null && r.Links.Any(g => g > middle), d => d["Links"] != null && ((List<Guid>)d["Links"]!).Any(g => g > middle));
        yield return new("nested any", r => r.Tags != null && r.Numbers != null && r.Tags.Any(t => t == "a" && r.Numbers.Any(n => n > 0)), d => d["Tags"] != null && d["Numbers"] != null && ((string?[])d["Tags"]!).Any(t => t == "a" && ((List<int>)d["Numbers"]!).Any(n => n > 0)));
    }
}
