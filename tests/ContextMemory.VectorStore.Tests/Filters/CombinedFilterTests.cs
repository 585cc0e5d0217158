using System.Linq.Expressions;
using ContextMemory.VectorStore.Tests.Filters.Support;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Filters;

/// <summary>
/// Filters combined the way the Agent Framework's ChatHistoryMemoryProvider combines its scope filters:
/// <c>Expression.Lambda(Expression.AndAlso(a.Body, b.Body), a.Parameters)</c>, so that <c>b</c>'s half still reads
/// <c>b</c>'s own parameter object. Every such parameter stands for the record; a lambda inside the filter keeps its own.
/// </summary>
public sealed class CombinedFilterTests(FilterDatabase database) : IClassFixture<FilterDatabase>
{
    [Fact]
    public void Halves_with_different_parameter_objects_select_what_one_lambda_selects()
    {
        Expression<Func<FilterRecord, bool>> byCategory = r => r.Category != "a";
        Expression<Func<FilterRecord, bool>> byCount = x => x.Count > 3;
        Expression<Func<FilterRecord, bool>> byTag = y => y.Tags != null && y.Tags.Any(t => t != "a");

        var combined = And(And(byCategory, byCount), byTag);
        var translated = FilterDatabase.Translate(combined, FilterModels.Poco);
        var expected = database.ExpectedKeys(r => r.Category != "a" && r.Count > 3 && r.Tags != null && r.Tags.Any(t => t != "a"));

        Assert.NotSame(byCategory.Parameters[0], byCount.Parameters[0]);
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < database.PocoRecords.Count);
        Assert.Equal(expected, database.SelectKeys(translated));
    }

    [Fact]
    public void Dynamic_halves_with_different_parameter_objects_select_what_one_lambda_selects()
    {
        var category = "a";
        var count = 3;
        Expression<Func<Dictionary<string, object?>, bool>> byCategory = d => (string?)d["Category"] != category;
        Expression<Func<Dictionary<string, object?>, bool>> byCount = x => (int)x["Count"]! > count;

        var translated = FilterDatabase.Translate(And(byCategory, byCount), FilterModels.Dynamic);
        var expected = database.ExpectedKeys(d => (string?)d["Category"] != category && (int)d["Count"]! > count);

        Assert.NotEmpty(expected);
        Assert.True(expected.Count < database.DynamicRecords.Count);
        Assert.Equal(expected, database.SelectKeys(translated));
    }

    [Fact]
    public async Task A_store_search_with_combined_scope_filters_sees_only_that_scope()
    {
        using var temp = new TempStore();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            {
                new VectorStoreKeyProperty("Key", typeof(Guid)),
                new VectorStoreDataProperty("UserId", typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty("SessionId", typeof(string)) { IsIndexed = true },
                new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>), 2),
            },
        };
        var collection = temp.Store.GetDynamicCollection("history", definition);
        await collection.EnsureCollectionExistsAsync();
        string[] users = ["ada", "bob"];
        string[] sessions = ["s1", "s2"];
        var records = users.SelectMany(u => sessions.Select(s => new Dictionary<string, object?>
        {
            ["Key"] = Guid.NewGuid(),
            ["UserId"] = u,
            ["SessionId"] = s,
            ["Embedding"] = new ReadOnlyMemory<float>([1, 0]),
        })).ToList();
        await collection.UpsertAsync(records);
        var userId = "ada";
        var sessionId = "s2";
        Expression<Func<Dictionary<string, object?>, bool>> byUser = x => (string?)x["UserId"] == userId;
        Expression<Func<Dictionary<string, object?>, bool>> bySession = x => (string?)x["SessionId"] == sessionId;

        var hits = await collection.SearchAsync(new float[] { 1, 0 }, 10, new() { Filter = And(byUser, bySession) }).ToListAsync();
        var got = await collection.GetAsync(And(byUser, bySession), 10).ToListAsync();

        var hit = Assert.Single(hits).Record;
        Assert.Equal(("ada", "s2"), ((string?)hit["UserId"], (string?)hit["SessionId"]));
        Assert.Equal(hit["Key"], Assert.Single(got)["Key"]);
    }

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> first, Expression<Func<T, bool>> second) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(first.Body, second.Body), first.Parameters);
}
