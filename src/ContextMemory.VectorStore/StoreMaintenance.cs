using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore;

/// <summary>Store-wide checkpoints and compaction, over every collection of the registry.</summary>
/// <remarks>Thread-safe; runs alongside reads and writes (each collection serialises its own index work).</remarks>
internal sealed class StoreMaintenance
{
    private readonly StoreDatabase _database;
    private readonly CollectionRegistry _collections;
    private readonly LeftoverFiles _leftovers;
    private readonly CheckpointFiles _checkpoints;
    private readonly FaissIndexOptions _indexOptions;

    public StoreMaintenance(
        StoreDatabase database, CollectionRegistry collections, LeftoverFiles leftovers, CheckpointFiles checkpoints, FaissIndexOptions indexOptions)
    {
        _checkpoints = checkpoints;
        _database = database;
        _collections = collections;
        _leftovers = leftovers;
        _indexOptions = indexOptions;
    }

    /// <summary>Checkpoints every collection's indexes, then folds the write-ahead log into the database.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        foreach (var state in await _collections.OpenAllAsync(_indexOptions, cancellationToken).ConfigureAwait(false))
        {
            await SkippingDeletedAsync(state, () => state.CheckpointAsync(cancellationToken)).ConfigureAwait(false);
        }

        Execute(StoreSql.TruncateWriteAheadLog);
    }

    /// <summary>
    /// Compacts every collection, then the full-text indexes and the database file, and deletes the quarantine,
    /// temporaries and files of deleted collections.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        var highestId = _database.HighestCollectionId();
        var states = await _collections.OpenAllAsync(_indexOptions, cancellationToken).ConfigureAwait(false);
        foreach (var state in states)
        {
            await SkippingDeletedAsync(state, () => state.CompactAsync(cancellationToken)).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var state in states.Where(s => s.Entry.Sql.HasFullText))
        {
            await SkippingDeletedAsync(state, () =>
            {
                Execute(state.Entry.Sql.OptimizeFullText);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }

        Execute(StoreSql.TruncateWriteAheadLog);
        Execute(StoreSql.Vacuum);
        Execute(StoreSql.TruncateWriteAheadLog);
        _checkpoints.DeleteTemporaries(_leftovers);
        _leftovers.EmptyQuarantine();
        // A collection deleted meanwhile keeps no files: what its last operations wrote after the delete is an orphan now.
        _leftovers.DeleteOrphans(states.Where(s => !s.IsDropped).Select(s => s.Entry.Id).ToHashSet(), highestId);
    }

    /// <summary>
    /// Runs one collection's part of a store-wide operation; a collection deleted meanwhile (even when another of the same
    /// name was created since) is skipped, it has nothing left to checkpoint or compact.
    /// </summary>
    private static async Task SkippingDeletedAsync(CollectionState state, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (state.WasDeletedUnder(ex))
        {
            // Deleted while the store-wide operation ran.
        }
    }

    /// <summary>
    /// Runs a store-wide statement, not cached: like DDL, a prepared VACUUM or full-text optimize would pin the schema it was
    /// prepared on. A collection dropped by another connection while the statement starts makes SQLite report a schema
    /// change (SQLITE_SCHEMA, seen as "vtable constructor failed" for the dropped full-text table); the statement is
    /// then run again on the new schema, a few times at most.
    /// </summary>
    private void Execute(SqlText sql)
    {
        const int SchemaChanged = 17;
        const int Attempts = 3;
        using var lease = _database.Pool.Rent();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var command = StoreSql.CreateCommand(lease.Connection.Connection, sql, transaction: null);
                command.ExecuteNonQuery();
                return;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SchemaChanged && attempt < Attempts)
            {
                // Run again: the next attempt prepares on the current schema.
            }
        }
    }
}
