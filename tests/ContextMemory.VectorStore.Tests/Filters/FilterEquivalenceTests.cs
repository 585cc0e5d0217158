using ContextMemory.VectorStore.Tests.Filters.Support;

namespace ContextMemory.VectorStore.Tests.Filters;

/// <summary>
/// The translated SQL, run against a real SQLite file, selects exactly the records LINQ to objects selects with the
/// compiled filter, for every hand-written construct (and its negation) and for hundreds of random filters.
/// </summary>
public sealed class FilterEquivalenceTests(FilterDatabase database) : IClassFixture<FilterDatabase>
{
    public const int RandomFiltersPerSeed = 60;

    public static TheoryData<string> PocoCases => FilterCases.PocoNames();

    public static TheoryData<string> DynamicCases => FilterCases.DynamicNames();

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 10)];

    [Theory]
    [MemberData(nameof(PocoCases))]
    public void Poco_filter_and_its_negation_select_what_linq_selects(string name)
    {
        var filter = FilterCases.Get(name).Poco!;

        var selected = EquivalenceAssert.Same(database, filter);
        var rejected = EquivalenceAssert.Same(database, EquivalenceAssert.Not(filter));

        Assert.Equal(FilterRecords.Count, selected + rejected);
    }

    [Theory]
    [MemberData(nameof(DynamicCases))]
    public void Dynamic_filter_and_its_negation_select_what_linq_selects(string name)
    {
        var filter = FilterCases.Get(name).Dynamic!;

        var selected = EquivalenceAssert.Same(database, filter);
        var rejected = EquivalenceAssert.Same(database, EquivalenceAssert.Not(filter));

        Assert.Equal(FilterRecords.Count, selected + rejected);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_poco_filters_select_what_linq_selects(int seed)
    {
        var generator = new RandomFilterGenerator(seed, dynamic: false);
        var selective = 0;
        for (var i = 0; i < RandomFiltersPerSeed; i++)
        {
            var selected = EquivalenceAssert.Same(database, generator.NextPoco());
            selective += selected is > 0 and < FilterRecords.Count ? 1 : 0;
        }

        // Guards the generator against degenerating into filters that select everything or nothing.
        Assert.InRange(selective, RandomFiltersPerSeed / 2, RandomFiltersPerSeed);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_dynamic_filters_select_what_linq_selects(int seed)
    {
        var generator = new RandomFilterGenerator(seed, dynamic: true);
        var selective = 0;
        for (var i = 0; i < RandomFiltersPerSeed; i++)
        {
            var selected = EquivalenceAssert.Same(database, generator.NextDynamic());
            selective += selected is > 0 and < FilterRecords.Count ? 1 : 0;
        }

        Assert.InRange(selective, RandomFiltersPerSeed / 2, RandomFiltersPerSeed);
    }

    [Fact]
    public void Hand_written_filters_select_a_variety_of_records()
    {
        var counts = FilterCases.All.Where(c => c.Poco is not null).Select(c => EquivalenceAssert.Same(database, c.Poco!)).ToList();

        // Most cases must be selective, or they would prove little about the SQL.
        Assert.True(counts.Count(n => n is > 0 and < FilterRecords.Count) * 4 >= counts.Count * 3, string.Join(", ", counts));
    }

    [Fact]
    public void A_local_time_value_matches_the_same_instant()
    {
        var record = database.PocoRecords.First(r => r.Created.Year is > 1900 and < 2100);
        var local = record.Created.ToLocalTime();
        var utcEquivalent = local.ToUniversalTime();

        var translated = FilterDatabase.Translate((System.Linq.Expressions.Expression<Func<FilterRecord, bool>>)(r => r.Created == local), FilterModels.Poco);

        Assert.Equal(database.ExpectedKeys(r => r.Created == utcEquivalent), database.SelectKeys(translated));
        Assert.Contains(record.Key, database.SelectKeys(translated));
    }
}
