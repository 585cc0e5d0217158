using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <content>Keeping the indexes current: own writes, and commits of other connections and processes.</content>
internal sealed partial class CollectionState
{
    /// <summary>
    /// Makes the indexes reflect every commit made so far by any connection or process. Costs one
    /// <c>PRAGMA data_version</c> when nothing changed.
    /// </summary>
    /// <returns>False when the collection no longer exists.</returns>
    public async ValueTask<bool> EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_dropped)
        {
            return false;
        }

        if (_database.DataVersion() == Volatile.Read(ref _seenDataVersion))
        {
            return true;
        }

        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read the version first: a commit after this point is caught now or by the next call.
            var version = _database.DataVersion();
            using var lease = _database.Pool.Rent();
            using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
            var exists = StillExists(lease.Connection, snapshot) && CatchUpAll(lease.Connection, snapshot, cancellationToken);
            snapshot.Commit();
            Volatile.Write(ref _seenDataVersion, version);
            return exists;
        }
        finally
        {
            WriteLock.Release();
            ScheduleMaintenance();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in an immediate transaction (the cross-process write lock), after catching
    /// the indexes up with other processes' commits; commits, then applies the batch to the indexes.
    /// </summary>
    /// <exception cref="CollectionMissingException">The collection no longer exists.</exception>
    public async Task<T> WriteAsync<T>(Func<PooledConnection, SqliteTransaction, WriteBatch, T> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _database.Pool.Rent();
            var connection = lease.Connection;
            T result;
            var batch = new WriteBatch(_indexes);
            var positions = new IndexPosition[_indexes.Length];
            using (var transaction = connection.Connection.BeginTransaction(deferred: false))
            {
                if (_dropped || !StillExists(connection, transaction) || !CatchUpAll(connection, transaction, cancellationToken))
                {
                    throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Entry.Name));
                }

                result = write(connection, transaction, batch);
                for (var i = 0; i < _indexes.Length; i++)
                {
                    positions[i] = IndexSource.ReadPosition(connection, Entry.Sql, Entry.Schema.Vectors[i].Ordinal, transaction);
                }

                cancellationToken.ThrowIfCancellationRequested();
                transaction.Commit();
            }

            // Committed: from here on the write is acknowledged whatever happens to the in-memory indexes.
            ApplyCommitted(batch, positions);
            return result;
        }
        finally
        {
            WriteLock.Release();
            ScheduleMaintenance();
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> over one database snapshot with every index caught up to exactly that snapshot: the
    /// write lock keeps this process's commits from being applied meanwhile, and other processes' later commits are in
    /// neither. Slower than a plain search (it waits for writers), so searches use it only when a record changed under them.
    /// </summary>
    /// <exception cref="CollectionMissingException">The collection no longer exists.</exception>
    public async Task<T> ReadConsistentAsync<T>(Func<PooledConnection, SqliteTransaction, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _database.Pool.Rent();
            using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
            if (_dropped || !StillExists(lease.Connection, snapshot) || !CatchUpAll(lease.Connection, snapshot, cancellationToken))
            {
                throw new CollectionMissingException(VectorStoreErrors.CollectionDoesNotExist(Entry.Name));
            }

            var result = read(lease.Connection, snapshot);
            snapshot.Commit();
            return result;
        }
        finally
        {
            WriteLock.Release();
            ScheduleMaintenance();
        }
    }

    private void ApplyCommitted(WriteBatch batch, IndexPosition[] positions)
    {
        for (var i = 0; i < _indexes.Length; i++)
        {
            var (addedVids, addedVectors, removedVids) = batch.Net(i);
            try
            {
                _indexes[i].Apply(addedVids, addedVectors, removedVids, positions[i]);
            }
            catch (Exception ex)
            {
                // The commit stands; a failed in-memory apply is repaired by rebuilding from the database.
                LogApplyFailed(_logger, ex, Entry.Name, _indexes[i].Plan.Column.StorageName);
                RebuildNow(i);
            }
        }
    }

    /// <summary>Catches every index up to the database position seen by <paramref name="transaction"/>.</summary>
    private bool CatchUpAll(PooledConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var prunedSeq = -1L;
        for (var i = 0; i < _indexes.Length; i++)
        {
            var index = _indexes[i];
            var target = IndexSource.ReadPosition(connection, Entry.Sql, index.Plan.Column.Ordinal, transaction);
            if (!index.Position.IsBehind(target))
            {
                continue;
            }

            if (prunedSeq < 0)
            {
                prunedSeq = CollectionCatalog.GetPrunedSeq(connection, Entry.Id, transaction);
            }

            if (index.Position.RemovalSeq < prunedSeq)
            {
                // The removals this index needs were pruned after a checkpoint: rebuild instead of replaying.
                var (built, trainedAt) = IndexBuilder.Build(connection, Entry.Sql, index.Plan, target, transaction, cancellationToken);
                using var replacement = new VectorIndex(index.Plan, built, trainedAt, target, unsaved: true);
                index.Swap(replacement);
                continue;
            }

            IndexBuilder.CatchUp(connection, Entry.Sql, index, target, transaction, cancellationToken);
        }

        return true;
    }

    /// <summary>Rebuilds one index synchronously from the database (the caller holds the write lock).</summary>
    private void RebuildNow(int i)
    {
        var index = _indexes[i];
        using var lease = _database.Pool.Rent();
        using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
        var position = IndexSource.ReadPosition(lease.Connection, Entry.Sql, index.Plan.Column.Ordinal, snapshot);
        var (built, trainedAt) = IndexBuilder.Build(lease.Connection, Entry.Sql, index.Plan, position, snapshot, CancellationToken.None);
        using var replacement = new VectorIndex(index.Plan, built, trainedAt, position, unsaved: true);
        index.Swap(replacement);
        snapshot.Commit();
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Collection '{Collection}': applying a committed write to the index of '{Vector}' failed; the index is rebuilt from the database.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string collection, string vector);
}
