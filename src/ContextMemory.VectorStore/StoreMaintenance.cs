using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore;

/// <summary>Store-wide checkpoints and compaction, over every collection of the registry.</summary>
/// <remarks>Thread-safe; runs alongside reads and writes (each collection serialises its own index work).</remarks>
internal sealed class StoreMaintenance
{
    private readonly StoreDatabase _database;
    private readonly CollectionRegistry _collections;
    private readonly LeftoverFiles _leftovers;
    private readonly FaissIndexOptions _indexOptions;

    public StoreMaintenance(StoreDatabase database, CollectionRegistry collections, LeftoverFiles leftovers, FaissIndexOptions indexOptions)
    {
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
            await state.CheckpointAsync(cancellationToken).ConfigureAwait(false);
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
            await state.CompactAsync(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var state in states.Where(s => s.Entry.Sql.HasFullText))
        {
            Execute(state.Entry.Sql.OptimizeFullText);
        }

        Execute(StoreSql.TruncateWriteAheadLog);
        Execute(StoreSql.Vacuum);
        Execute(StoreSql.TruncateWriteAheadLog);
        _leftovers.DeleteTemporaries();
        _leftovers.EmptyQuarantine();
        _leftovers.DeleteOrphans(states.Select(s => s.Entry.Id).ToHashSet(), highestId);
    }

    private void Execute(SqlText sql)
    {
        using var lease = _database.Pool.Rent();
        lease.Connection.Command(sql).ExecuteNonQuery();
    }
}
