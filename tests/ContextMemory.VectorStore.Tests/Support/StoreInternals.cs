using ContextMemory.Faiss;
using ContextMemory.VectorStore.Indexing;

namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>Access to a store's internal state, for assertions and for awaiting background work.</summary>
internal static class StoreInternals
{
    /// <summary>The open state of a collection (opening it when needed).</summary>
    public static async Task<CollectionState> StateAsync(FaissVectorStore store, string collection) =>
        await store.OpenStateAsync(collection, store.Options.Index, CancellationToken.None)
        ?? throw new InvalidOperationException($"Collection '{collection}' does not exist.");

    /// <summary>Waits until background maintenance started by earlier writes has finished.</summary>
    public static async Task WaitForMaintenanceAsync(FaissVectorStore store, string collection) =>
        await (await StateAsync(store, collection)).WaitForMaintenanceAsync();

    /// <summary>The FAISS kind of each vector property's in-memory index, after pending maintenance.</summary>
    public static async Task<FaissIndexKind[]> IndexKindsAsync(FaissVectorStore store, string collection)
    {
        var state = await StateAsync(store, collection);
        await state.WaitForMaintenanceAsync();
        return [.. state.Indexes.Select(i => i.Spec.Kind)];
    }

    /// <summary>The in-memory index of the vector property at <paramref name="slot"/>.</summary>
    public static async Task<VectorIndex> IndexAsync(FaissVectorStore store, string collection, int slot = 0) =>
        (await StateAsync(store, collection)).Indexes[slot];

    /// <summary>The checkpoint file of the vector property at <paramref name="slot"/> of a collection.</summary>
    public static async Task<string> CheckpointPathAsync(FaissVectorStore store, string collection, int slot = 0)
    {
        var state = await StateAsync(store, collection);
        return store.Checkpoints.PathOf(state.Entry.Id, state.Indexes[slot].Plan.Column.Ordinal);
    }
}
