// The filters call these overloads on purpose: their translation is what is tested.
#pragma warning disable CA1309, CA1847, CA1865, CA1866, CA2242

using System.Linq.Expressions;
using ContextMemory.VectorStore.Tests.Filters.Support;

namespace ContextMemory.VectorStore.Tests.Filters;

/// <summary>
/// Where LINQ to objects would throw for a record (a null receiver, <c>.Value</c> of null, Any or All over a null
/// collection), the predicate that would throw is false for that record: the translated filter selects what the
/// null-guarded filter selects, and its negation what the negated guarded filter selects.
/// </summary>
public sealed class ThrowingFilterTests(FilterDatabase database) : IClassFixture<FilterDatabase>
{
    public static TheoryData<int> Cases => [.. Enumerable.Range(0, PocoPairs().Count)];

    public static TheoryData<int> DynamicCases => [.. Enumerable.Range(0, DynamicPairs().Count)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_predicate_that_would_throw_is_false_for_that_record(int index)
    {
        var (unguarded, guarded) = PocoPairs()[index];

        Assert.ThrowsAny<Exception>(() => database.PocoRecords.Where(unguarded.Compile()).ToList());
        AssertSelectsAs(unguarded, guarded);
        AssertSelectsAs(EquivalenceAssert.Not(unguarded), EquivalenceAssert.Not(guarded));
    }

    [Theory]
    [MemberData(nameof(DynamicCases))]
    public void A_dynamic_predicate_that_would_throw_is_false_for_that_record(int index)
    {
        var (unguarded, guarded) = DynamicPairs()[index];

        Assert.ThrowsAny<Exception>(() => database.DynamicRecords.Where(unguarded.Compile()).ToList());
        var translated = FilterDatabase.Translate(unguarded, FilterModels.Dynamic);
        Assert.Equal(database.ExpectedKeys(guarded), database.SelectKeys(translated));
        var negated = FilterDatabase.Translate(EquivalenceAssert.Not(unguarded), FilterModels.Dynamic);
        Assert.Equal(database.ExpectedKeys(EquivalenceAssert.Not(guarded)), database.SelectKeys(negated));
    }

    private void AssertSelectsAs(Expression<Func<FilterRecord, bool>> filter, Expression<Func<FilterRecord, bool>> oracle) =>
        Assert.Equal(database.ExpectedKeys(oracle), database.SelectKeys(FilterDatabase.Translate(filter, FilterModels.Poco)));

    private static List<(Expression<Func<FilterRecord, bool>> Unguarded, Expression<Func<FilterRecord, bool>> Guarded)> PocoPairs() =>
    [
        (r => r.Rank!.Value != 5, r => r.Rank.HasValue && r.Rank.Value != 5),
        (r => r.Rank!.Value == r.Count, r => r.Rank.HasValue && r.Rank.Value == r.Count),
        (r => r.Count != r.Rank!.Value, r => r.Rank.HasValue && r.Count != r.Rank.Value),
        (r => (int)r.Rank! != 7, r => r.Rank != null && (int)r.Rank != 7),
        (r => r.Weight!.Value != double.NaN, r => r.Weight.HasValue && r.Weight.Value != double.NaN),
        (r => r.Flag!.Value, r => r.Flag.HasValue && r.Flag.Value),
        (r => r.Name!.StartsWith("a"), r => r.Name != null && r.Name.StartsWith("a")),
        (r => r.Name!.EndsWith(""), r => r.Name != null && r.Name.EndsWith("")),
        (r => r.Name!.Contains("b"), r => r.Name != null && r.Name.Contains("b")),
        (r => r.Name!.Equals("abc"), r => r.Name != null && r.Name.Equals("abc")),
        (r => r.Tags!.Any(), r => r.Tags != null && r.Tags.Any()),
        (r => r.Tags!.Any(t => t == "abc"), r => r.Tags != null && r.Tags.Any(t => t == "abc")),
        (r => r.Tags!.All(t => t != null), r => r.Tags != null && r.Tags.All(t => t != null)),
        (r => r.Numbers!.All(n => n > 0), r => r.Numbers != null && r.Numbers.All(n => n > 0)),
    ];

    private static List<(Expression<Func<Dictionary<string, object?>, bool>> Unguarded, Expression<Func<Dictionary<string, object?>, bool>> Guarded)> DynamicPairs() =>
    [
        (d => (int)d["Rank"]! != 5, d => d["Rank"] != null && (int)d["Rank"]! != 5),
        (d => (bool)d["Flag"]!, d => d["Flag"] != null && (bool)d["Flag"]!),
        (d => (double)d["Weight"]! != 2.5, d => d["Weight"] != null && (double)d["Weight"]! != 2.5),
        (d => ((string)d["Name"]!).StartsWith("a"), d => d["Name"] != null && ((string)d["Name"]!).StartsWith("a")),
        (d => ((List<int>)d["Numbers"]!).All(n => n > 0), d => d["Numbers"] != null && ((List<int>)d["Numbers"]!).All(n => n > 0)),
    ];
}
