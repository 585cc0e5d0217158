// The filters call these overloads on purpose: their translation is what is tested.
#pragma warning disable CA1309, CA1847, CA1862, CA1865, CA1866, CA2242

namespace ContextMemory.VectorStore.Tests.Filters.Support;

internal static partial class FilterCases
{
    private static IEnumerable<FilterCase> Scalars()
    {
        var captured = "a\0b";
        int? noRank = null;
        var rank = (int?)42;
        var baseCount = 41;
        var upper = "zeta";
        var holder = new { Value = "abc" };

        yield return new("true", r => true, d => true);
        yield return new("false", r => false, d => false);
        yield return new("string ==", r => r.Name == "abc", d => (string?)d["Name"] == "abc");
        yield return new("string !=", r => r.Name != "abc", d => (string?)d["Name"] != "abc");
        yield return new("string == null", r => r.Name == null, d => (string?)d["Name"] == null);
        yield return new("string != null", r => r.Name != null, d => (string?)d["Name"] != null);
        yield return new("null == string", r => null == r.Name, d => null == (string?)d["Name"]);
        yield return new("value == string", r => "abc" == r.Name, d => "abc" == (string?)d["Name"]);
        yield return new("string == captured with NUL", r => r.Name == captured, d => (string?)d["Name"] == captured);
        yield return new("string == empty", r => r.Category == "", d => (string)d["Category"]! == "");
        yield return new("string == captured member", r => r.Name == holder.Value, d => (string?)d["Name"] == holder.Value);
        yield return new("string == method on captured", r => r.Name == upper.ToUpperInvariant(), d => (string?)d["Name"] == upper.ToUpperInvariant());
        yield return new("string == static field", r => r.Name == FilterValues.LongText, d => (string?)d["Name"] == FilterValues.LongText);

        yield return new("int ==", r => r.Count == 42, d => (int)d["Count"]! == 42);
        yield return new("int !=", r => r.Count != 42, d => (int)d["Count"]! != 42);
        yield return new("int <", r => r.Count < 42, d => (int)d["Count"]! < 42);
        yield return new("int <=", r => r.Count <= 42, d => (int)d["Count"]! <= 42);
        yield return new("int >", r => r.Count > 42, d => (int)d["Count"]! > 42);
        yield return new("int >=", r => r.Count >= 42, d => (int)d["Count"]! >= 42);
        yield return new("value < int", r => 42 < r.Count, d => 42 < (int)d["Count"]!);
        yield return new("int == arithmetic on captured", r => r.Count == baseCount + 1, d => (int)d["Count"]! == baseCount + 1);
        yield return new("int == int.MinValue", r => r.Count == int.MinValue, d => (int)d["Count"]! == int.MinValue);
        yield return new("int range", r => r.Count > 0 && r.Count < 100, d => (int)d["Count"]! > 0 && (int)d["Count"]! < 100);
        yield return new("int? == value", r => r.Rank == 42, d => (int?)d["Rank"] == 42);
        yield return new("int? != value", r => r.Rank != 42, d => (int?)d["Rank"] != 42);
        yield return new("int? > value", r => r.Rank > 0, d => (int?)d["Rank"] > 0);
        yield return new("int? <= value", r => r.Rank <= 7, d => (int?)d["Rank"] <= 7);
        yield return new("int? == captured int?", r => r.Rank == rank, d => (int?)d["Rank"] == rank);
        yield return new("int? == captured null", r => r.Rank == noRank, d => (int?)d["Rank"] == noRank);
        yield return new("int? != captured null", r => r.Rank != noRank, d => (int?)d["Rank"] != noRank);
        yield return new("int? > captured null", r => r.Rank > noRank, d => (int?)d["Rank"] > noRank);
        yield return new("int? <= captured null", r => r.Rank <= noRank, d => (int?)d["Rank"] <= noRank);
        yield return new("int? HasValue", r => r.Rank.HasValue, d => ((int?)d["Rank"]).HasValue);
        yield return new("int? !HasValue", r => !r.Rank.HasValue, d => !((int?)d["Rank"]).HasValue);
        yield return new("int? Value guarded", r => r.Rank.HasValue && r.Rank.Value > 1, d => ((int?)d["Rank"]).HasValue && ((int?)d["Rank"])!.Value > 1);
        yield return new("long == max", r => r.Big == long.MaxValue, d => (long)d["Big"]! == long.MaxValue);
        yield return new("long beyond double precision", r => r.Big == (1L << 53) + 1, d => (long)d["Big"]! == (1L << 53) + 1);
        yield return new("long >", r => r.Big > 1L << 53, d => (long)d["Big"]! > 1L << 53);
        yield return new("short > 0", r => r.Small > 0, d => (short)d["Small"]! > 0);
        yield return new("short == min", r => r.Small == short.MinValue, d => (short)d["Small"]! == short.MinValue);
        yield return new("int widened to long", r => (long)r.Count > 41L, d => (long)(int)d["Count"]! > 41L);
        yield return new("int compared with long", r => r.Count == 42L, d => (int)d["Count"]! == 42L);
        yield return new("int compared with double", r => r.Count < 2.5, d => (int)d["Count"]! < 2.5);
        yield return new("int widened to double", r => (double)r.Count > 41.5, d => (double)(int)d["Count"]! > 41.5);
        yield return new("int? widened to long?", r => r.Rank > 41L, d => (int?)d["Rank"] > 41L);
        yield return new("key ==", r => r.Key == 5, d => (long)d["Key"]! == 5);
        yield return new("key >", r => r.Key > 300, d => (long)d["Key"]! > 300);

        yield return new("double == 0.1", r => r.Score == 0.1, d => (double)d["Score"]! == 0.1);
        yield return new("double != 0.1", r => r.Score != 0.1, d => (double)d["Score"]! != 0.1);
        yield return new("double > 0.2", r => r.Score > 0.2, d => (double)d["Score"]! > 0.2);
        yield return new("double <= 0", r => r.Score <= 0, d => (double)d["Score"]! <= 0);
        yield return new("double == -0.0", r => r.Score == -0.0, d => (double)d["Score"]! == -0.0);
        yield return new("double == +inf", r => r.Score == double.PositiveInfinity, d => (double)d["Score"]! == double.PositiveInfinity);
        yield return new("double < -inf", r => r.Score < double.NegativeInfinity, d => (double)d["Score"]! < double.NegativeInfinity);
        yield return new("double > max", r => r.Score > double.MaxValue, d => (double)d["Score"]! > double.MaxValue);
        yield return new("double == tiny", r => r.Score == 1e-300, d => (double)d["Score"]! == 1e-300);
        yield return new("double == NaN", r => r.Score == double.NaN, d => (double)d["Score"]! == double.NaN);
        yield return new("double != NaN", r => r.Score != double.NaN, d => (double)d["Score"]! != double.NaN);
        yield return new("double < NaN", r => r.Score < double.NaN, d => (double)d["Score"]! < double.NaN);
        yield return new("double? == null", r => r.Weight == null, d => (double?)d["Weight"] == null);
        yield return new("double? > 1", r => r.Weight > 1, d => (double?)d["Weight"] > 1);
        yield return new("double? != 2.5", r => r.Weight != 2.5, d => (double?)d["Weight"] != 2.5);
        yield return new("double? != NaN", r => r.Weight != double.NaN, d => (double?)d["Weight"] != double.NaN);
        yield return new("float == 0.1f", r => r.Ratio == 0.1f, d => (float)d["Ratio"]! == 0.1f);
        yield return new("float > 0.1 as double", r => r.Ratio > 0.1, d => (float)d["Ratio"]! > 0.1);
        yield return new("float < 0.1f", r => r.Ratio < 0.1f, d => (float)d["Ratio"]! < 0.1f);
        yield return new("float == 2^24 + 1", r => r.Ratio == 16777217f, d => (float)d["Ratio"]! == 16777217f);

        yield return new("bool", r => r.IsActive, d => (bool)d["IsActive"]!);
        yield return new("!bool", r => !r.IsActive, d => !(bool)d["IsActive"]!);
        yield return new("bool == true", r => r.IsActive == true, d => (bool)d["IsActive"]! == true);
        yield return new("bool != captured", r => r.IsActive != (baseCount > 0), d => (bool)d["IsActive"]! != (baseCount > 0));
        yield return new("bool? == true", r => r.Flag == true, d => (bool?)d["Flag"] == true);
        yield return new("bool? == false", r => r.Flag == false, d => (bool?)d["Flag"] == false);
        yield return new("bool? != true", r => r.Flag != true, d => (bool?)d["Flag"] != true);
        yield return new("bool? == null", r => r.Flag == null, d => (bool?)d["Flag"] == null);
        yield return new("bool? HasValue && Value", r => r.Flag.HasValue && r.Flag.Value, d => ((bool?)d["Flag"]).HasValue && ((bool?)d["Flag"])!.Value);
        yield return new("bool? cast guarded", r => r.Flag != null && (bool)r.Flag, d => (bool?)d["Flag"] != null && (bool)(bool?)d["Flag"]!);

        yield return new("Equals instance string", r => r.Name != null && r.Name.Equals("abc"), d => (string?)d["Name"] != null && ((string)d["Name"]!).Equals("abc"));
        yield return new("string.Equals static", r => string.Equals(r.Name, "abc"), d => string.Equals((string?)d["Name"], "abc"));
        yield return new("string.Equals ordinal", r => string.Equals(r.Name, "abc", StringComparison.Ordinal), d => string.Equals((string?)d["Name"], "abc", StringComparison.Ordinal));
        yield return new("object.Equals boxed int", r => Equals(r.Count, 42), d => Equals(d["Count"], 42));
        yield return new("object.Equals int and long", r => Equals(r.Count, 42L), d => Equals(d["Count"], 42L));
        yield return new("object.Equals null", r => Equals(r.Rank, null), d => Equals(d["Rank"], null));
        yield return new("int.Equals", r => r.Count.Equals(42), d => ((int)d["Count"]!).Equals(42));
        yield return new("Nullable.Equals(object)", r => r.Rank.Equals(42), d => ((int?)d["Rank"]).Equals(42));
        yield return new("Guid.Equals", r => r.Owner.Equals(FilterValues.Guids[6]), d => ((Guid)d["Owner"]!).Equals(FilterValues.Guids[6]));
    }
}
