namespace ContextMemory.VectorStore.Tests.Reliability.Support;

/// <summary>What the store holds in memory, read through its internals (the test assembly sees them).</summary>
internal static class StoreInspection
{
    /// <summary>Live vectors in each in-memory index of the collection (after catching up with the database).</summary>
    public static async Task<long[]> LiveCountsAsync(FaissVectorStore store, string collection, FaissIndexOptions? options = null)
    {
        var state = await store.OpenStateAsync(collection, options ?? store.Options.Index, CancellationToken.None)
            ?? throw new InvalidOperationException($"collection '{collection}' does not exist");
        await state.EnsureCurrentAsync(CancellationToken.None);
        await state.WaitForMaintenanceAsync();
        return [.. state.Indexes.Select(i => i.LiveCount)];
    }

    /// <summary>The index position (highest vid applied) recorded in a checkpoint file's header.</summary>
    public static long CheckpointAppliedVid(string path)
    {
        var header = Indexing.CheckpointHeader.TryParse(ContextMemory.Faiss.FaissIndex.Peek(path).UserData.Span)
            ?? throw new InvalidDataException($"{path} has no checkpoint header");
        return header.AppliedVid;
    }
}
