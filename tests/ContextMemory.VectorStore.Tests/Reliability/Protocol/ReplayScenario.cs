namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// Writes done by one process around a checkpoint, for another process to replay: <see cref="BaseCount"/> records,
/// an explicit checkpoint, then inserts, replacements and deletes that only the database holds.
/// </summary>
public static class ReplayScenario
{
    public const int BaseCount = 200;

    public static FaissVectorStoreOptions StoreOptions(Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) => new()
    {
        // Never checkpoint on its own: the only checkpoint is the explicit one.
        Index = new FaissIndexOptions { CheckpointInterval = 1_000_000, HnswEfSearch = 400 },
        LoggerFactory = loggerFactory,
    };

    public static string CollectionName(string indexKind) => "replay-" + indexKind;

    public static async Task WriteAsync(FaissCollection<long, ReliabilityRecord> collection, Action checkpointed)
    {
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(1, BaseCount).Select(k => RecordFactory.Create(k, 1)));
        await collection.CheckpointAsync();
        checkpointed();
        await collection.UpsertAsync(Enumerable.Range(BaseCount + 1, 60).Select(k => RecordFactory.Create(k, 2)));
        await collection.UpsertAsync(Enumerable.Range(1, 20).Select(k => RecordFactory.Create(k, 3)));
        await collection.DeleteAsync(Enumerable.Range(21, 20).Select(k => (long)k));
    }

    /// <summary>Key to version after <see cref="WriteAsync"/>.</summary>
    public static Dictionary<long, long> Expected()
    {
        var expected = new Dictionary<long, long>();
        for (long k = 1; k <= BaseCount + 60; k++)
        {
            expected[k] = k <= 20 ? 3 : k <= BaseCount ? 1 : 2;
        }

        for (long k = 21; k <= 40; k++)
        {
            expected.Remove(k);
        }

        return expected;
    }

    public static IEnumerable<long> Deleted => Enumerable.Range(21, 20).Select(k => (long)k);
}
