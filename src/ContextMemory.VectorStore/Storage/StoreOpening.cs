using ContextMemory.VectorStore.Failures;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// Opens a store directory only when it is what it claims to be: a new store (a missing or empty directory), or a
/// store whose database is there and is the store's. A lost database (missing or emptied under checkpoints it made,
/// or replaced by one that never had their collections), another program's database, a file that is not a database,
/// or a directory of unrelated files is refused with an <see cref="InvalidDataException"/> before anything is changed;
/// a lost database is replaced by a fresh one only when the caller asks to start over.
/// </summary>
internal static class StoreOpening
{
    /// <exception cref="IOException">A database file is a link, or the directory cannot be created.</exception>
    /// <exception cref="InvalidDataException">The directory or its database is refused (see the type's summary).</exception>
    public static StoreDatabase Open(StoreDirectory directory, bool fullSync, TimeSpan busyTimeout, bool startOver, ILogger logger)
    {
        directory.CreateRoot();
        directory.RefuseDatabaseLinks();
        var inventory = StoreInventory.Take(directory);
        var leftovers = new LeftoverFiles(directory);
        if (inventory.Database == DatabaseFileState.NotSqlite)
        {
            throw new InvalidDataException(VectorStoreErrors.NotSqliteDatabase(directory.DatabasePath));
        }

        if (inventory.DatabaseIsLost)
        {
            StartOverOrRefuse(directory, inventory, leftovers, startOver, logger);
        }
        else if (inventory.IsNew && inventory.Unrelated.Count > 0)
        {
            throw new InvalidDataException(VectorStoreErrors.NotAStoreDirectory(directory.Root, inventory.Unrelated));
        }

        var database = new StoreDatabase(directory, fullSync, busyTimeout);
        try
        {
            if (!inventory.DatabaseIsLost)
            {
                DropOrRefuseUnknownCheckpoints(directory, inventory, database.HighestCollectionId(), leftovers, startOver, logger);
            }

            directory.Prepare(directory.IndexDirectory);
            directory.Prepare(directory.LockDirectory);
            leftovers.DeleteTemporaries();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    private static void StartOverOrRefuse(StoreDirectory directory, StoreInventory inventory, LeftoverFiles leftovers, bool startOver, ILogger logger)
    {
        var missing = inventory.Database == DatabaseFileState.Missing;
        if (!startOver)
        {
            throw new InvalidDataException(missing
                ? VectorStoreErrors.DatabaseMissing(directory.Root, inventory.Checkpoints.Count, inventory.Quarantined, inventory.WriteAheadLog)
                : VectorStoreErrors.DatabaseEmpty(directory.Root, inventory.Checkpoints.Count, inventory.Quarantined, inventory.WriteAheadLog));
        }

        // A log or journal left beside a new database would be replayed into it by SQLite.
        foreach (var file in directory.DatabaseFiles)
        {
            StoreDirectory.Delete(file);
        }

        leftovers.DeleteAll();
        StoreLog.StartedOver(logger, directory.Root, missing ? VectorStoreErrors.DatabaseMissingState : VectorStoreErrors.DatabaseEmptyState, inventory.LeftoversText);
    }

    private static void DropOrRefuseUnknownCheckpoints(
        StoreDirectory directory, StoreInventory inventory, long highestId, LeftoverFiles leftovers, bool startOver, ILogger logger)
    {
        var unknown = inventory.CheckpointsAbove(highestId);
        if (unknown.Count == 0)
        {
            return;
        }

        if (!startOver)
        {
            throw new InvalidDataException(VectorStoreErrors.CheckpointsOfUnknownCollections(directory.Root, unknown));
        }

        leftovers.DeleteUnknown(highestId);
        StoreLog.StartedOver(logger, directory.Root, VectorStoreErrors.UnknownCollectionsState, string.Join(", ", unknown));
    }
}
