using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// <c>top</c> and <c>Skip</c> may be any value up to <see cref="int.MaxValue"/> on every read (vector search, hybrid search,
/// filtered get): the result is the best <c>top</c> after skipping <c>Skip</c>, never more than the collection holds, and no
/// sum of the two overflows or sizes a buffer.
/// </summary>
public sealed class ExtremeBoundsTests : IDisposable
{
    private const int Dimensions = 8;
    private const int Count = 40;
    private readonly TempStore _temp = new();

    public static TheoryData<string> Kinds => [IndexKind.Flat, IndexKind.Hnsw];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Search_with_top_int_MaxValue_returns_every_record_best_first(string indexKind)
    {
        var (collection, query) = await LoadAsync(indexKind);

        var all = await collection.SearchAsync(query, int.MaxValue).ToListAsync();
        var skipped = await collection.SearchAsync(query, int.MaxValue, new() { Skip = 1 }).ToListAsync();
        var exact = await collection.SearchAsync(query, Count).ToListAsync();

        Assert.Equal(exact.Select(r => r.Record.Id), all.Select(r => r.Record.Id));
        Assert.Equal(exact.Skip(1).Select(r => r.Record.Id), skipped.Select(r => r.Record.Id));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Search_skipping_int_MaxValue_returns_nothing_whatever_top_is(string indexKind)
    {
        var (collection, query) = await LoadAsync(indexKind);

        Assert.Empty(await collection.SearchAsync(query, 1, new() { Skip = int.MaxValue }).ToListAsync());
        Assert.Empty(await collection.SearchAsync(query, int.MaxValue, new() { Skip = int.MaxValue }).ToListAsync());
        Assert.Empty(await collection.SearchAsync(query, int.MaxValue, new() { Skip = int.MaxValue, Filter = r => r.Section == "a" }).ToListAsync());
    }

    [Fact]
    public async Task Filtered_search_with_top_int_MaxValue_returns_every_match()
    {
        var (collection, query) = await LoadAsync(IndexKind.Hnsw);

        var matches = await collection.SearchAsync(query, int.MaxValue, new() { Filter = r => r.Section == "a", Skip = 2 }).ToListAsync();

        Assert.Equal(Count / 2 - 2, matches.Count);
        Assert.All(matches, r => Assert.Equal("a", r.Record.Section));
    }

    [Fact]
    public async Task Hybrid_search_with_top_and_Skip_at_int_MaxValue_returns_every_record_or_none()
    {
        var (collection, query) = await LoadAsync(IndexKind.Flat);

        var all = await collection.HybridSearchAsync(query, ["word"], int.MaxValue).ToListAsync();
        var skipped = await collection.HybridSearchAsync(query, ["word"], int.MaxValue, new() { Skip = 1 }).ToListAsync();
        var none = await collection.HybridSearchAsync(query, ["word"], int.MaxValue, new() { Skip = int.MaxValue }).ToListAsync();

        Assert.Equal(Count, all.Count);
        Assert.Equal(all.Skip(1).Select(r => r.Record.Id), skipped.Select(r => r.Record.Id));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Filtered_get_with_top_and_Skip_at_int_MaxValue_returns_every_record_or_none()
    {
        var (collection, _) = await LoadAsync(IndexKind.Flat);

        Assert.Equal(Count - 1, await collection.GetAsync(r => r.Id > 0, int.MaxValue, new() { Skip = 1 }).CountAsync());
        Assert.Empty(await collection.GetAsync(r => r.Id > 0, int.MaxValue, new() { Skip = int.MaxValue }).ToListAsync());
    }

    private async Task<(FaissCollection<int, ArticleRecord> Collection, float[] Query)> LoadAsync(string indexKind)
    {
        var collection = (FaissCollection<int, ArticleRecord>)_temp.Store.GetCollection<int, ArticleRecord>("bounds", new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreVectorProperty(nameof(ArticleRecord.Vector), typeof(ReadOnlyMemory<float>), Dimensions) { IndexKind = indexKind }],
        });
        await collection.EnsureCollectionExistsAsync();
        var random = new Random(17);
        await collection.UpsertAsync(Enumerable.Range(1, Count).Select(i => new ArticleRecord
        {
            Id = i,
            Section = i % 2 == 0 ? "a" : "b",
            Body = $"word number {i}",
            Vector = TestVectors.Uniform(random, Dimensions),
        }));
        return (collection, TestVectors.Uniform(random, Dimensions));
    }
}
