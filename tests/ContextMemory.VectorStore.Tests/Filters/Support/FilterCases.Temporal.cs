namespace ContextMemory.VectorStore.Tests.Filters.Support;

internal static partial class FilterCases
{
    private static IEnumerable<FilterCase> Temporal()
    {
        var utc = new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc);
        var unspecified = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var instant = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);
        var sameInstantElsewhere = new DateTimeOffset(2024, 2, 29, 4, 0, 0, TimeSpan.FromHours(-8));
        var day = new DateOnly(2024, 2, 29);
        var noon = new TimeOnly(12, 0);
        var owner = FilterValues.Guids[6];
        var middle = FilterValues.Guids[2];

        yield return new("DateTime == utc", r => r.Created == utc, d => (DateTime)d["Created"]! == utc);
        yield return new("DateTime > unspecified", r => r.Created > unspecified, d => (DateTime)d["Created"]! > unspecified);
        yield return new("DateTime <= unspecified", r => r.Created <= unspecified, d => (DateTime)d["Created"]! <= unspecified);
        yield return new("DateTime < MaxValue", r => r.Created < DateTime.MaxValue, d => (DateTime)d["Created"]! < DateTime.MaxValue);
        yield return new("DateTime == MinValue", r => r.Created == DateTime.MinValue, d => (DateTime)d["Created"]! == DateTime.MinValue);
        yield return new("DateTime? == null", r => r.Due == null, d => (DateTime?)d["Due"] == null);
        yield return new("DateTime? > utc", r => r.Due > utc, d => (DateTime?)d["Due"] > utc);
        yield return new("DateTime? != utc", r => r.Due != utc, d => (DateTime?)d["Due"] != utc);
        yield return new("DateTimeOffset == instant", r => r.Stamp == instant, d => (DateTimeOffset)d["Stamp"]! == instant);
        yield return new("DateTimeOffset == same instant, other offset", r => r.Stamp == sameInstantElsewhere, d => (DateTimeOffset)d["Stamp"]! == sameInstantElsewhere);
        yield return new("DateTimeOffset > instant", r => r.Stamp > instant, d => (DateTimeOffset)d["Stamp"]! > instant);
        yield return new("DateTimeOffset < MaxValue", r => r.Stamp < DateTimeOffset.MaxValue, d => (DateTimeOffset)d["Stamp"]! < DateTimeOffset.MaxValue);
        yield return new("DateOnly ==", r => r.Day == day, d => (DateOnly)d["Day"]! == day);
        yield return new("DateOnly >", r => r.Day > day, d => (DateOnly)d["Day"]! > day);
        yield return new("TimeOnly >=", r => r.Time >= noon, d => (TimeOnly)d["Time"]! >= noon);
        yield return new("TimeOnly == max", r => r.Time == TimeOnly.MaxValue, d => (TimeOnly)d["Time"]! == TimeOnly.MaxValue);
        yield return new("Guid ==", r => r.Owner == owner, d => (Guid)d["Owner"]! == owner);
        yield return new("Guid != Empty", r => r.Owner != Guid.Empty, d => (Guid)d["Owner"]! != Guid.Empty);
        yield return new("Guid >", r => r.Owner > middle, d => (Guid)d["Owner"]! > middle);
        yield return new("Guid <=", r => r.Owner <= middle, d => (Guid)d["Owner"]! <= middle);
        yield return new("Guid? == null", r => r.Parent == null, d => (Guid?)d["Parent"] == null);
        yield return new("Guid? == value", r => r.Parent == owner, d => (Guid?)d["Parent"] == owner);
        yield return new("Guid? < value", r => r.Parent < middle, d => (Guid?)d["Parent"] < middle);
    }

    private static IEnumerable<FilterCase> Logic()
    {
        var includeAll = false;
        var always = true;

        yield return new("!(int? > value) keeps nulls", r => !(r.Rank > 5), d => !((int?)d["Rank"] > 5));
        yield return new("!(string == value)", r => !(r.Name == "abc"), d => !((string?)d["Name"] == "abc"));
        yield return new("!(int? == null)", r => !(r.Rank == null), d => !((int?)d["Rank"] == null));
        yield return new("!(double? < value)", r => !(r.Weight < 1), d => !((double?)d["Weight"] < 1));
        yield return new("or with null check", r => r.Rank > 5 || r.Name == null, d => (int?)d["Rank"] > 5 || (string?)d["Name"] == null);
        yield return new("and or not", r => (r.IsActive && r.Count > 0) || !(r.Flag == true), d => ((bool)d["IsActive"]! && (int)d["Count"]! > 0) || !((bool?)d["Flag"] == true));
        yield return new("non-short-circuit & |", r => (r.IsActive & r.Count > 0) | r.Rank == null, d => ((bool)d["IsActive"]! & (int)d["Count"]! > 0) | (int?)d["Rank"] == null);
        yield return new("xor", r => r.IsActive ^ (r.Count > 0), d => (bool)d["IsActive"]! ^ ((int)d["Count"]! > 0));
        yield return new("conditional", r => r.IsActive ? r.Count > 0 : r.Rank == null, d => (bool)d["IsActive"]! ? (int)d["Count"]! > 0 : (int?)d["Rank"] == null);
        yield return new("predicates compared", r => (r.Count > 0) == (r.Rank > 0), d => ((int)d["Count"]! > 0) == ((int?)d["Rank"] > 0));
        yield return new("predicates differ", r => (r.Weight > 1) != (r.Flag == true), d => ((double?)d["Weight"] > 1) != ((bool?)d["Flag"] == true));
        yield return new("captured false or", r => includeAll || r.Count == 42, d => includeAll || (int)d["Count"]! == 42);
        yield return new("captured true and", r => always && r.Count == 42, d => always && (int)d["Count"]! == 42);
        yield return new("captured flag alone", r => always, d => always);
        yield return new("double negation", r => !!(r.Rank < 3), d => !!((int?)d["Rank"] < 3));
    }
}
