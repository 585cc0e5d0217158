namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// Deletes the store's files that nothing needs any more: checkpoints of deleted collections, their lock files,
/// leftovers of interrupted checkpoint writes, and the quarantine. Every deletion goes through
/// <see cref="StoreDirectory"/>: a link is deleted as a link, and no directory is entered through one.
/// </summary>
/// <remarks>Thread-safe. A file another process is writing right now may survive; that process renames or removes it itself.</remarks>
internal sealed class LeftoverFiles
{
    private const string CheckpointPattern = StoreDirectory.CheckpointPattern;
    private const string LockPattern = StoreDirectory.LockPattern;
    private const string TemporaryPattern = StoreDirectory.TemporaryPattern;
    private readonly StoreDirectory _directory;

    public LeftoverFiles(StoreDirectory directory) => _directory = directory;

    /// <summary>Deletes every checkpoint of a collection (after the collection is dropped).</summary>
    public void DeleteCheckpoints(long collectionId)
    {
        foreach (var path in _directory.Entries(_directory.IndexDirectory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"c{collectionId}-v*{StoreDirectory.CheckpointExtension}")))
        {
            TryDelete(path);
        }
    }

    /// <summary>
    /// Deletes checkpoint and lock files of collections that no longer exist: ids up to <paramref name="highestId"/> (read
    /// before <paramref name="liveCollectionIds"/> was listed) that are not live. Collection ids are never reused, and a
    /// collection created meanwhile by another process has a higher id, so no process can still need these files.
    /// </summary>
    public void DeleteOrphans(IReadOnlySet<long> liveCollectionIds, long highestId)
    {
        bool Orphan(long id) => id <= highestId && !liveCollectionIds.Contains(id);
        DeleteWhere(_directory.IndexDirectory, CheckpointPattern, '-', Orphan);
        DeleteWhere(_directory.LockDirectory, LockPattern, '.', Orphan);
    }

    /// <summary>Deletes checkpoints (and lock files) of collections above <paramref name="highestId"/>: ones the database never had.</summary>
    public void DeleteUnknown(long highestId)
    {
        DeleteWhere(_directory.IndexDirectory, CheckpointPattern, '-', id => id > highestId);
        DeleteWhere(_directory.LockDirectory, LockPattern, '.', id => id > highestId);
    }

    /// <summary>Deletes every checkpoint, temporary, lock and quarantined file: what a lost database leaves behind.</summary>
    public void DeleteAll()
    {
        DeleteUnknown(highestId: 0);
        DeleteTemporaries();
        EmptyQuarantine();
    }

    /// <summary>Deletes leftovers of interrupted checkpoint writes.</summary>
    public void DeleteTemporaries()
    {
        foreach (var path in _directory.Entries(_directory.IndexDirectory, TemporaryPattern))
        {
            TryDelete(path);
        }
    }

    /// <summary>Deletes everything in the quarantine (a link where the quarantine should be is removed, not entered).</summary>
    public void EmptyQuarantine()
    {
        foreach (var path in _directory.Entries(_directory.QuarantineDirectory, "*"))
        {
            TryDelete(path);
        }
    }

    private void DeleteWhere(string directory, string pattern, char afterId, Func<long, bool> delete)
    {
        foreach (var path in _directory.Entries(directory, pattern))
        {
            if (StoreDirectory.TryParseCollectionId(Path.GetFileName(path), afterId, out var id) && delete(id))
            {
                TryDelete(path);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            StoreDirectory.Delete(path);
        }
        catch (IOException)
        {
            // Another process may be writing it right now; it renames or removes it itself.
        }
    }
}
