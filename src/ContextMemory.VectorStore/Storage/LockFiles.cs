using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The per-collection lock files (<c>locks/c{id}.lock</c>), held while a process checkpoints or compacts a collection.
/// A link found where a lock file or the lock directory should be is removed first (see <see cref="StoreDirectory"/>).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class LockFiles
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);
    private readonly StoreDirectory _directory;

    public LockFiles(StoreDirectory directory) => _directory = directory;

    /// <summary>Takes the lock of a collection if nobody holds it; null otherwise.</summary>
    public FileLock? TryAcquire(long collectionId)
    {
        var path = _directory.LockPath(collectionId);
        _directory.Prepare(_directory.LockDirectory);
        _directory.RemoveLink(path);
        return FileLock.TryAcquire(path);
    }

    /// <summary>Waits for the lock of a collection.</summary>
    /// <exception cref="TimeoutException">Another process or handle held it for <paramref name="timeout"/>.</exception>
    public async Task<FileLock> AcquireAsync(long collectionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryAcquire(collectionId) is { } acquired)
            {
                return acquired;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(VectorStoreErrors.LockTimeout(_directory.LockPath(collectionId), timeout));
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
