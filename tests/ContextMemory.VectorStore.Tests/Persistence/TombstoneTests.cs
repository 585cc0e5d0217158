using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// HNSW cannot remove vectors: deleted ones stay in the graph as tombstones, which searches never return, which
/// survive a restart, and which compaction (or the background rebuild past the rebuild ratio) removes.
/// </summary>
public sealed class TombstoneTests
{
    [Fact]
    public async Task Deleted_records_on_HNSW_are_tombstoned_never_returned_and_compaction_rebuilds_without_them()
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Hnsw);
        await scenario.SeedAsync(300);
        await scenario.ChangeAsync(inserts: 0, replacements: 0, stride: 12);
        var deleted = scenario.DeletedKeys.Count();
        Assert.InRange(deleted, 20, 30);

        var index = await StoreInternals.IndexAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        Assert.Equal(deleted, index.TombstoneCount);
        Assert.Equal(scenario.Truth.Count, index.LiveCount);
        await AssertDeletedNeverReturnedAsync(scenario, scenario.Temp.Store);

        var reopened = scenario.Temp.Reopen();
        index = await StoreInternals.IndexAsync(reopened, PersistenceScenario.CollectionName);
        Assert.Equal(deleted, index.TombstoneCount);
        await AssertDeletedNeverReturnedAsync(scenario, reopened);

        await reopened.CompactAsync();

        Assert.Equal(0, index.TombstoneCount);
        Assert.Equal(scenario.Truth.Count, index.LiveCount);
        await AssertDeletedNeverReturnedAsync(scenario, reopened);
        var compacted = scenario.Temp.Reopen();
        Assert.Equal(0, (await StoreInternals.IndexAsync(compacted, PersistenceScenario.CollectionName)).TombstoneCount);
        await scenario.AssertMatchesTruthAsync(compacted);
    }

    [Fact]
    public async Task Deleting_past_the_rebuild_ratio_rebuilds_HNSW_without_tombstones_in_the_background()
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Hnsw);
        await scenario.SeedAsync(300);

        await scenario.ChangeAsync(inserts: 0, replacements: 0, stride: 3);
        await StoreInternals.WaitForMaintenanceAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);

        var index = await StoreInternals.IndexAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        Assert.Equal(0, index.TombstoneCount);
        Assert.Equal(scenario.Truth.Count, index.LiveCount);
        await AssertDeletedNeverReturnedAsync(scenario, scenario.Temp.Store);
    }

    private static async Task AssertDeletedNeverReturnedAsync(PersistenceScenario scenario, FaissVectorStore store)
    {
        var collection = scenario.Collection(store);
        var deleted = scenario.DeletedKeys.ToHashSet();
        foreach (var key in deleted.Take(5))
        {
            Assert.Null(await collection.GetAsync(key));
        }

        var everything = await collection.SearchAsync(TestVectors.Uniform(new Random(3), PersistenceScenario.Dimensions), 1000).ToListAsync();
        Assert.Equal(scenario.Truth.Count, everything.Count);
        Assert.DoesNotContain(everything, r => deleted.Contains(r.Record.Key));
        await scenario.AssertMatchesTruthAsync(store);
    }
}
