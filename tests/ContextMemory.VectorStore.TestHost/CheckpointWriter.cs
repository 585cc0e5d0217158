using ContextMemory.VectorStore.Tests.Reliability.Protocol;

namespace ContextMemory.VectorStore.TestHost;

/// <summary>
/// Runs <see cref="ReplayScenario"/> and exits without disposing the store, so the checkpoint on disk is older than
/// the database and the next process that opens the collection must replay the difference.
/// </summary>
internal static class CheckpointWriter
{
    public static async Task<int> RunAsync(string directory, string indexKind)
    {
        var store = new FaissVectorStore(directory, ReplayScenario.StoreOptions());
        var collection = ReliabilitySchema.Collection(store, ReplayScenario.CollectionName(indexKind), indexKind);
        await ReplayScenario.WriteAsync(collection, () => Console.WriteLine("checkpointed"));
        Console.WriteLine("done");
        await Console.Out.FlushAsync();

        // Deliberately no Dispose (it would write a fresh checkpoint): the process ends with the store open.
        Environment.Exit(0);
        return 0;
    }
}
