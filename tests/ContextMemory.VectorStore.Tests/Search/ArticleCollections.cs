using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>Small collections of <see cref="ArticleRecord"/>: every body holds "word", sections alternate "a" / "b".</summary>
public static class ArticleCollections
{
    /// <summary>An article with a uniform random vector.</summary>
    public static ArticleRecord Article(int id, Random random, int dimensions) => new()
    {
        Id = id,
        Section = id % 2 == 0 ? "a" : "b",
        Body = $"word number {id}",
        Vector = TestVectors.Uniform(random, dimensions),
    };

    /// <summary>Creates the collection and loads articles 1 to <paramref name="count"/> in one batch.</summary>
    public static async Task<FaissCollection<int, ArticleRecord>> LoadAsync(
        FaissVectorStore store, string name, string indexKind, int dimensions, int count, Random random)
    {
        var collection = (FaissCollection<int, ArticleRecord>)store.GetCollection<int, ArticleRecord>(name, new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreVectorProperty(nameof(ArticleRecord.Vector), typeof(ReadOnlyMemory<float>), dimensions) { IndexKind = indexKind }],
        });
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(1, count).Select(i => Article(i, random, dimensions)));
        return collection;
    }
}
