using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore;

/// <content>Store-wide checkpoints and compaction.</content>
public sealed partial class FaissVectorStore
{
    /// <summary>
    /// Writes index checkpoints of every open collection and folds SQLite's write-ahead log into the database, so a
    /// restart has nothing to replay.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the checkpoints are on disk.</returns>
    /// <exception cref="Microsoft.Extensions.VectorData.VectorStoreException">A file or the database could not be written.</exception>
    public Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StoreFailures.RunAsync(Directory, null, "Checkpoint", async () =>
        {
            foreach (var state in await OpenAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await state.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            }

            TruncateWal();
        });
    }

    /// <summary>
    /// Erases deleted data from every file of the store: removes deleted vectors from every index (rebuilding the
    /// kinds that cannot remove), rewrites the index checkpoints, empties the removal logs, rebuilds the database
    /// file (VACUUM, with SQLite's secure delete on), truncates the write-ahead log, and deletes quarantined and
    /// temporary files. Afterwards no byte of a deleted record's text or vectors remains in the store directory.
    /// </summary>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>A task that completes when the store is compacted.</returns>
    /// <remarks>Takes time proportional to the whole store; writers wait while the database file is rebuilt.</remarks>
    /// <exception cref="Microsoft.Extensions.VectorData.VectorStoreException">A file or the database could not be written.</exception>
    public Task CompactAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StoreFailures.RunAsync(Directory, null, "Compact", async () =>
        {
            long highestId;
            using (var lease = Database.Pool.Rent())
            {
                highestId = CollectionCatalog.HighestId(lease.Connection);
            }

            var states = await OpenAllAsync(cancellationToken).ConfigureAwait(false);
            foreach (var state in states)
            {
                await state.CompactAsync(cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            using (var lease = Database.Pool.Rent())
            {
                foreach (var state in states.Where(s => s.Entry.Sql.HasFullText))
                {
                    Execute(lease.Connection, $"INSERT INTO {state.Entry.Sql.FullText} ({state.Entry.Sql.FullText}) VALUES ('optimize');");
                }

                Execute(lease.Connection, "PRAGMA wal_checkpoint(TRUNCATE);");
                Execute(lease.Connection, "VACUUM;");
            }

            TruncateWal();
            Checkpoints.DeleteLeftovers(includeQuarantine: true);
            Checkpoints.DeleteOrphans(states.Select(s => s.Entry.Id).ToHashSet(), highestId);
        });
    }

    private void TruncateWal()
    {
        using var lease = Database.Pool.Rent();
        Execute(lease.Connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Fixed statements and table names derived from integer ids.")]
    private static void Execute(PooledConnection connection, string sql)
    {
        using var command = connection.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
