using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Search;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// A collection deleted by one caller while others search, hybrid-search, get, upsert and delete in it: every operation
/// either completes or fails with the documented "collection does not exist" error (a <see cref="VectorStoreException"/>
/// whose inner exception is the store's missing-collection error) — never a disposed object, a storage error naming
/// internal tables, or a crash — and the store goes on working, the same name included.
/// </summary>
public sealed class DeleteWhileInUseTests : IDisposable
{
    private const int Dimensions = 16;
    private const int Records = 300;
    private const int Workers = 6;
    private const int OperationsBeforeDelete = 4;
    private const int OperationsAfterDelete = 8;
    private const int Rounds = 6;
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task Operations_racing_with_a_delete_complete_or_see_a_missing_collection_and_the_store_stays_usable(string indexKind)
    {
        var bystander = await LoadAsync("bystander", indexKind, seed: 99);
        var failures = new List<Exception>();
        for (var round = 0; round < Rounds; round++)
        {
            var collection = await LoadAsync("contested", indexKind, seed: round);
            using var deleted = new CancellationTokenSource();
            var started = new CountdownEvent(Workers);
            var workers = Enumerable.Range(0, Workers)
                .Select(w => Task.Run(() => WorkAsync(collection, w, round, started, deleted.Token)))
                .ToArray();

            // Deleted only once every worker is busy, then every worker keeps going a while against the missing collection.
            await Task.Run(() => started.Wait());
            await collection.EnsureCollectionDeletedAsync();
            await deleted.CancelAsync();
            foreach (var worker in workers)
            {
                failures.AddRange(await worker);
            }
        }

        Assert.All(failures, failure =>
        {
            var error = Assert.IsType<VectorStoreException>(failure);
            Assert.IsType<CollectionMissingException>(error.InnerException);
            Assert.Contains(VectorStoreErrors.CollectionDoesNotExist("contested"), error.Message, StringComparison.Ordinal);
        });

        var again = await LoadAsync("contested", indexKind, seed: 1234);
        var query = TestVectors.Uniform(new Random(7), Dimensions);
        Assert.Equal(10, await again.SearchAsync(query, 10).CountAsync());
        Assert.Equal(10, await bystander.SearchAsync(query, 10).CountAsync());
        await _temp.Store.CheckpointAsync();
        await _temp.Store.CompactAsync();
        Assert.Equal(Records, await again.GetAsync(r => r.Id > 0, int.MaxValue).CountAsync());
    }

    /// <summary>Runs a mix of operations until <paramref name="deleted"/> fires and some more after it; returns what failed.</summary>
    private static async Task<List<Exception>> WorkAsync(
        FaissCollection<int, ArticleRecord> collection, int worker, int round, CountdownEvent started, CancellationToken deleted)
    {
        var random = new Random((round * 100) + worker);
        var failures = new List<Exception>();
        var done = 0;
        var afterDelete = 0;
        while (afterDelete < OperationsAfterDelete)
        {
            try
            {
                await OneOperationAsync(collection, random, (worker + done) % 5);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }

            if (++done == OperationsBeforeDelete)
            {
                started.Signal();
            }

            if (deleted.IsCancellationRequested)
            {
                afterDelete++;
            }
        }

        return failures;
    }

    private static async Task OneOperationAsync(FaissCollection<int, ArticleRecord> collection, Random random, int kind)
    {
        var query = TestVectors.Uniform(random, Dimensions);
        switch (kind)
        {
            case 0:
                await collection.SearchAsync(query, 10, new() { Filter = r => r.Section == "a" }).ToListAsync();
                break;
            case 1:
                await collection.HybridSearchAsync(query, ["word"], 10).ToListAsync();
                break;
            case 2:
                await collection.GetAsync(Enumerable.Range(1, 50).ToList(), new() { IncludeVectors = true }).ToListAsync();
                break;
            case 3:
                await collection.UpsertAsync(Article(random.Next(1, Records + 1), random));
                break;
            default:
                await collection.SearchAsync(query, 5).ToListAsync();
                await collection.DeleteAsync(random.Next(1, Records + 1));
                break;
        }
    }

    private Task<FaissCollection<int, ArticleRecord>> LoadAsync(string name, string indexKind, int seed) =>
        ArticleCollections.LoadAsync(_temp.Store, name, indexKind, Dimensions, Records, new Random(seed));

    private static ArticleRecord Article(int id, Random random) => ArticleCollections.Article(id, random, Dimensions);
}
