namespace ContextMemory;

/// <summary>
/// A vector store capability: physically erasing the bytes of deleted records from every file the store owns.
/// </summary>
/// <remarks>
/// A store that offers it returns an instance from <c>VectorStore.GetService(typeof(IVectorStoreCompaction))</c>;
/// a store that does not returns <see langword="null"/>, and callers that need erasure report it as unavailable.
/// Deleting a record through the VectorData API makes it unreachable at once; compaction is what makes it
/// unrecoverable from the files. Implementations are thread-safe and may run while the store is in use.
/// </remarks>
public interface IVectorStoreCompaction
{
    /// <summary>Erases the data of deleted records and deleted collections from every file of the store.</summary>
    /// <param name="cancellationToken">Cancels the compaction; what was already erased stays erased.</param>
    /// <returns>A task that completes when the deleted data is gone from the files.</returns>
    Task CompactAsync(CancellationToken cancellationToken = default);
}
