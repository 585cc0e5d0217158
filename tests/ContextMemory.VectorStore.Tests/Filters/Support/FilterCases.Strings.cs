// The filters call these overloads on purpose: their translation is what is tested.
#pragma warning disable CA1309, CA1847, CA1862, CA1865, CA1866, CA2242

namespace ContextMemory.VectorStore.Tests.Filters.Support;

internal static partial class FilterCases
{
    private static IEnumerable<FilterCase> Strings()
    {
        var prefix = FilterValues.LongText[..100];

        yield return new("starts with", r => r.Name != null && r.Name.StartsWith("a"), d => (string?)d["Name"] != null && ((string)d["Name"]!).StartsWith("a"));
        yield return new("starts with ordinal", r => r.Name != null && r.Name.StartsWith("a", StringComparison.Ordinal), d => (string?)d["Name"] != null && ((string)d["Name"]!).StartsWith("a", StringComparison.Ordinal));
        yield return new("ends with", r => r.Name != null && r.Name.EndsWith("b"), d => (string?)d["Name"] != null && ((string)d["Name"]!).EndsWith("b"));
        yield return new("contains", r => r.Name != null && r.Name.Contains("b"), d => (string?)d["Name"] != null && ((string)d["Name"]!).Contains("b"));
        yield return new("contains ordinal", r => r.Name != null && r.Name.Contains("b", StringComparison.Ordinal), d => (string?)d["Name"] != null && ((string)d["Name"]!).Contains("b", StringComparison.Ordinal));
        yield return new("starts with empty", r => r.Category.StartsWith(""), d => ((string)d["Category"]!).StartsWith(""));
        yield return new("ends with empty", r => r.Category.EndsWith(""), d => ((string)d["Category"]!).EndsWith(""));
        yield return new("contains empty", r => r.Category.Contains(""), d => ((string)d["Category"]!).Contains(""));
        yield return new("starts with NUL", r => r.Category.StartsWith("\0"), d => ((string)d["Category"]!).StartsWith("\0"));
        yield return new("ends with NUL", r => r.Category.EndsWith("\0"), d => ((string)d["Category"]!).EndsWith("\0"));
        yield return new("contains NUL char", r => r.Category.Contains('\0'), d => ((string)d["Category"]!).Contains('\0'));
        yield return new("starts with char", r => r.Category.StartsWith('a'), d => ((string)d["Category"]!).StartsWith('a'));
        yield return new("ends with char", r => r.Category.EndsWith('b'), d => ((string)d["Category"]!).EndsWith('b'));
        yield return new("contains emoji", r => r.Category.Contains("😀"), d => ((string)d["Category"]!).Contains("😀"));
        yield return new("contains wildcard %", r => r.Category.Contains("%"), d => ((string)d["Category"]!).Contains("%"));
        yield return new("contains wildcard _", r => r.Category.Contains("_"), d => ((string)d["Category"]!).Contains("_"));
        yield return new("starts with upper case", r => r.Category.StartsWith("Z"), d => ((string)d["Category"]!).StartsWith("Z"));
        yield return new("starts with combining", r => r.Category.StartsWith("e"), d => ((string)d["Category"]!).StartsWith("e"));
        yield return new("starts with long prefix", r => r.Category.StartsWith(prefix), d => ((string)d["Category"]!).StartsWith(prefix));
        yield return new("ends with quote", r => r.Category.EndsWith("'"), d => ((string)d["Category"]!).EndsWith("'"));
        yield return new("starts with column", r => r.Name != null && r.Name.StartsWith(r.Category, StringComparison.Ordinal), d => (string?)d["Name"] != null && ((string)d["Name"]!).StartsWith((string)d["Category"]!, StringComparison.Ordinal));
        yield return new("value contains column", r => "xabcx".Contains(r.Category), d => "xabcx".Contains((string)d["Category"]!));
        yield return new("IsNullOrEmpty", r => string.IsNullOrEmpty(r.Name), d => string.IsNullOrEmpty((string?)d["Name"]));
        yield return new("!IsNullOrEmpty", r => !string.IsNullOrEmpty(r.Name), d => !string.IsNullOrEmpty((string?)d["Name"]));
    }

    private static IEnumerable<FilterCase> ColumnPairs()
    {
        yield return new("int < int?", r => r.Count < r.Rank, d => (int)d["Count"]! < (int?)d["Rank"]);
        yield return new("int == int?", r => r.Count == r.Rank, d => (int)d["Count"]! == (int?)d["Rank"]);
        yield return new("!(int < int?)", r => !(r.Count < r.Rank), d => !((int)d["Count"]! < (int?)d["Rank"]));
        yield return new("double > double?", r => r.Score > r.Weight, d => (double)d["Score"]! > (double?)d["Weight"]);
        yield return new("double != double?", r => r.Score != r.Weight, d => (double)d["Score"]! != (double?)d["Weight"]);
        yield return new("DateTime == DateTime?", r => r.Created == r.Due, d => (DateTime)d["Created"]! == (DateTime?)d["Due"]);
        yield return new("DateTime < DateTime?", r => r.Created < r.Due, d => (DateTime)d["Created"]! < (DateTime?)d["Due"]);
        yield return new("Guid == Guid?", r => r.Owner == r.Parent, d => (Guid)d["Owner"]! == (Guid?)d["Parent"]);
        yield return new("Guid >= Guid?", r => r.Owner >= r.Parent, d => (Guid)d["Owner"]! >= (Guid?)d["Parent"]);
        yield return new("string == string", r => r.Name == r.Category, d => (string?)d["Name"] == (string)d["Category"]!);
        yield return new("short < int", r => r.Small < r.Count, d => (short)d["Small"]! < (int)d["Count"]!);
        yield return new("int as double < double", r => r.Count < r.Score, d => (int)d["Count"]! < (double)d["Score"]!);
        yield return new("float as double > double", r => r.Ratio > r.Score, d => (float)d["Ratio"]! > (double)d["Score"]!);
        yield return new("bool == bool?", r => r.IsActive == r.Flag, d => (bool)d["IsActive"]! == (bool?)d["Flag"]);
        yield return new("key == count", r => r.Key == r.Count, d => (long)d["Key"]! == (int)d["Count"]!);
    }

    private static IEnumerable<FilterCase> DynamicOnly()
    {
        var key = "Count";
        object?[] mixed = ["abc", 42, null, 42L];

        yield return new("object == string", null, d => d["Name"] == (object)"abc");
        yield return new("object != string", null, d => d["Name"] != (object)"abc");
        yield return new("object == boxed int", null, d => d["Count"] == (object)42);
        yield return new("object == boxed long on int property", null, d => d["Count"] == (object)42L);
        yield return new("object != boxed long on int property", null, d => d["Count"] != (object)42L);
        yield return new("object == null", null, d => d["Rank"] == null);
        yield return new("object columns of different types", null, d => d["Rank"] == d["Name"]);
        yield return new("object columns of the same type", null, d => d["Name"] == d["Category"]);
        yield return new("object.Equals columns", null, d => Equals(d["Count"], d["Rank"]));
        yield return new("object array contains", null, d => mixed.Contains(d["Name"]));
        yield return new("object array contains int property", null, d => mixed.Contains(d["Count"]));
        yield return new("captured key", null, d => (int)d[key]! == 42);
        yield return new("TypeAs string", null, d => d["Name"] as string == "abc");
        yield return new("TypeAs int?", null, d => d["Rank"] as int? > 5);
    }
}
