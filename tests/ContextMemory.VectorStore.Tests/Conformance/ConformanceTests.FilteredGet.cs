using System.Linq.Expressions;
using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <content>Filtered get, compared with LINQ to objects over the same records.</content>
public abstract partial class ConformanceTests<TKey, TRecord>
{
    [Fact]
    public async Task Filtered_get_returns_exactly_the_matching_records()
    {
        var collection = await SeededAsync();

        foreach (var filter in new[] { Shape.CategoryIs("alpha"), Shape.HasTag("green"), Shape.NumberBelow(10), Shape.CategoryIs("none") })
        {
            var expected = Matching(filter).Select(e => e.Key).ToHashSet();
            var records = await ListAsync(collection.GetAsync(filter, int.MaxValue));
            Assert.Equal(expected.Count, records.Count);
            Assert.True(expected.SetEquals(records.Select(Shape.KeyOf)));
            Assert.All(records, r => Assert.Equal(RecordData.Of(Truth[Shape.KeyOf(r)]), Shape.DataOf(r)));
            Assert.All(records, r => Assert.Null(Shape.EmbeddingOf(r)));
        }
    }

    [Fact]
    public async Task Filtered_get_with_IncludeVectors_returns_the_exact_vectors()
    {
        var collection = await SeededAsync(twoVectors: true);

        var records = await ListAsync(collection.GetAsync(Shape.CategoryIs("beta"), 1000, new FilteredRecordRetrievalOptions<TRecord> { IncludeVectors = true }));

        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            Assert.Equal(Truth[Shape.KeyOf(r)].Embedding, Shape.EmbeddingOf(r)!.Value.ToArray());
            Assert.Equal(Truth[Shape.KeyOf(r)].Alternate, Shape.AlternateOf(r));
        });
    }

    [Fact]
    public async Task Filtered_get_orders_ascending_with_top_and_skip_like_linq()
    {
        var collection = await SeededAsync();
        var filter = Shape.NumberBelow(60);

        await AssertOrderedGetAsync(collection, filter, top: 12, skip: 5, o => o.Ascending(Shape.NumberSelector), [(Shape.NumberSelector, true)]);
        await AssertOrderedGetAsync(collection, filter, top: 1000, skip: 0, o => o.Ascending(Shape.NumberSelector), [(Shape.NumberSelector, true)]);
    }

    [Fact]
    public async Task Filtered_get_orders_descending_like_linq()
    {
        var collection = await SeededAsync();

        await AssertOrderedGetAsync(collection, Shape.CategoryIs("alpha"), top: 15, skip: 2, o => o.Descending(Shape.WeightSelector), [(Shape.WeightSelector, false)]);
        await AssertOrderedGetAsync(collection, Shape.CategoryIs("alpha"), top: 9, skip: 0, o => o.Descending(Shape.KeySelector), [(Shape.KeySelector, false)]);
    }

    [Fact]
    public async Task Filtered_get_orders_by_several_keys_like_linq()
    {
        var collection = await SeededAsync();
        var filter = Shape.CategoryIsOrNumberAtLeast("beta", 40);

        await AssertOrderedGetAsync(
            collection, filter, top: 40, skip: 10,
            o => o.Ascending(Shape.CategorySelector).Descending(Shape.NumberSelector).Ascending(Shape.KeySelector),
            [(Shape.CategorySelector, true), (Shape.NumberSelector, false), (Shape.KeySelector, true)]);
        await AssertOrderedGetAsync(
            collection, filter, top: 25, skip: 0,
            o => o.Descending(Shape.CategorySelector).Ascending(Shape.NumberSelector),
            [(Shape.CategorySelector, false), (Shape.NumberSelector, true)]);
    }

    [Fact]
    public async Task Filtered_get_with_skip_past_the_matches_returns_nothing()
    {
        var collection = await SeededAsync();
        var filter = Shape.CategoryIs(Sample.RareCategory);
        var count = Matching(filter).Count();

        var records = await ListAsync(collection.GetAsync(filter, 10, new FilteredRecordRetrievalOptions<TRecord> { Skip = count }));

        Assert.Empty(records);
    }

    [Fact]
    public async Task Filtered_get_by_captured_keys_returns_those_records()
    {
        var collection = await SeededAsync();
        var keys = new[] { 4, 44, 144, SeedCount - 2 }.Select(Shape.Key).Append(Shape.MissingKey).ToList();

        var records = await ListAsync(collection.GetAsync(Shape.KeyIn(keys), 100));

        Assert.True(keys.Take(4).ToHashSet().SetEquals(records.Select(Shape.KeyOf)));
    }

    [Fact]
    public async Task Filtered_get_with_top_below_one_throws_ArgumentOutOfRangeException()
    {
        var collection = await SeededAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ListAsync(collection.GetAsync(Shape.CategoryIs("alpha"), 0)));
    }

    private IEnumerable<(TKey Key, Sample Sample)> Matching(Expression<Func<TRecord, bool>> filter)
    {
        var matches = filter.Compile();
        return Truth.Entries.Where(e => matches(Shape.Create(e.Key, e.Sample, twoVectors: false)));
    }

    /// <summary>
    /// Runs a filtered get and compares the key sequence with LINQ to objects over the truth table in storage order:
    /// a stable sort (ties keep insertion order, as the store's documented tie-break does), strings compared
    /// ordinally (SQLite's binary collation), then Skip and Take.
    /// </summary>
    private async Task AssertOrderedGetAsync(
        VectorStoreCollection<TKey, TRecord> collection, Expression<Func<TRecord, bool>> filter, int top, int skip,
        Func<FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition, FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition> orderBy,
        (Expression<Func<TRecord, object?>> Selector, bool Ascending)[] oracleOrder)
    {
        var rows = Matching(filter).Select(e => (e.Key, Record: Shape.Create(e.Key, e.Sample, twoVectors: false))).ToList();
        IOrderedEnumerable<(TKey Key, TRecord Record)>? ordered = null;
        foreach (var (selector, ascending) in oracleOrder)
        {
            var value = selector.Compile();
            ordered = ordered is null
                ? ascending ? rows.OrderBy(r => value(r.Record), OracleComparer.Instance) : rows.OrderByDescending(r => value(r.Record), OracleComparer.Instance)
                : ascending ? ordered.ThenBy(r => value(r.Record), OracleComparer.Instance) : ordered.ThenByDescending(r => value(r.Record), OracleComparer.Instance);
        }

        var expected = ordered!.Skip(skip).Take(top).Select(r => r.Key).ToList();

        var records = await ListAsync(collection.GetAsync(filter, top, new FilteredRecordRetrievalOptions<TRecord> { Skip = skip, OrderBy = orderBy }));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, records.Select(Shape.KeyOf));
    }

    /// <summary>Orders values as SQLite does for the stored form: strings ordinally, everything else by its own comparison.</summary>
    private sealed class OracleComparer : IComparer<object?>
    {
        public static OracleComparer Instance { get; } = new();

        public int Compare(object? x, object? y) => x is string a && y is string b
            ? string.CompareOrdinal(a, b)
            : Comparer<object?>.Default.Compare(x, y);
    }
}
