using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Keeps the indexes of one open collection current: applies this process's writes after they commit, and catches up
/// with commits of other connections and processes. Every operation that took the write lock schedules maintenance
/// when it releases it.
/// </summary>
/// <remarks>Thread-safe. Writes are serialised by the write lock in this process and by SQLite's <c>BEGIN IMMEDIATE</c>
/// across processes.</remarks>
internal sealed class IndexSynchronizer
{
    private readonly StateContext _context;
    private readonly IndexMaintenance _maintenance;
    private long _seenDataVersion;

    public IndexSynchronizer(StateContext context, IndexMaintenance maintenance, long dataVersion)
    {
        _context = context;
        _maintenance = maintenance;
        _seenDataVersion = dataVersion;
    }

    private CollectionEntry Entry => _context.Entry;

    private IReadOnlyList<VectorIndex> Indexes => _context.Indexes;

    /// <summary>
    /// Makes the indexes reflect every commit made so far by any connection or process. Costs one
    /// <c>PRAGMA data_version</c> when nothing changed.
    /// </summary>
    /// <returns>False when the collection no longer exists.</returns>
    public async ValueTask<bool> EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (_context.IsDropped)
        {
            return false;
        }

        var database = _context.Database;
        if (database.DataVersion() == Volatile.Read(ref _seenDataVersion))
        {
            return true;
        }

        await _context.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read the version first: a commit after this point is caught now or by the next call.
            var version = database.DataVersion();
            using var lease = database.Pool.Rent();
            using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
            var exists = _context.StillExists(lease.Connection, snapshot) && CatchUpAll(lease.Connection, snapshot, cancellationToken);
            snapshot.Commit();
            Volatile.Write(ref _seenDataVersion, version);
            return exists;
        }
        finally
        {
            ReleaseWriteLock();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in an immediate transaction (the cross-process write lock), after catching
    /// the indexes up with other processes' commits; commits, then applies the batch to the indexes.
    /// </summary>
    /// <exception cref="CollectionMissingException">The collection no longer exists.</exception>
    public async Task<T> WriteAsync<T>(Func<PooledConnection, SqliteTransaction, WriteBatch, T> write, CancellationToken cancellationToken)
    {
        await _context.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _context.Database.Pool.Rent();
            var connection = lease.Connection;
            T result;
            var batch = new WriteBatch(Indexes);
            var positions = new IndexPosition[Indexes.Count];
            using (var transaction = connection.Connection.BeginTransaction(deferred: false))
            {
                if (_context.IsDropped || !_context.StillExists(connection, transaction) || !CatchUpAll(connection, transaction, cancellationToken))
                {
                    throw _context.Missing();
                }

                result = write(connection, transaction, batch);
                for (var i = 0; i < Indexes.Count; i++)
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
            ReleaseWriteLock();
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
        await _context.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _context.Database.Pool.Rent();
            using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
            if (_context.IsDropped || !_context.StillExists(lease.Connection, snapshot) || !CatchUpAll(lease.Connection, snapshot, cancellationToken))
            {
                throw _context.Missing();
            }

            var result = read(lease.Connection, snapshot);
            snapshot.Commit();
            return result;
        }
        finally
        {
            ReleaseWriteLock();
        }
    }

    private void ReleaseWriteLock()
    {
        _context.WriteLock.Release();
        _maintenance.Schedule();
    }

    private void ApplyCommitted(WriteBatch batch, IndexPosition[] positions)
    {
        for (var i = 0; i < Indexes.Count; i++)
        {
            var (addedVids, addedVectors, removedVids) = batch.Net(i);
            try
            {
                Indexes[i].Apply(addedVids, addedVectors, removedVids, positions[i]);
            }
            catch (Exception ex)
            {
                // The commit stands; a failed in-memory apply is repaired by rebuilding from the database.
                StoreLog.ApplyFailed(_context.Logger, ex, Entry.Name, Indexes[i].Plan.Column.StorageName);
                RebuildNow(i);
            }
        }
    }

    /// <summary>Catches every index up to the database position seen by <paramref name="transaction"/>.</summary>
    private bool CatchUpAll(PooledConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var prunedSeq = -1L;
        foreach (var index in Indexes)
        {
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
                using var replacement = IndexBuilder.Build(connection, Entry, index.Plan, target, transaction, _context.Logger, cancellationToken);
                index.Swap(replacement);
                continue;
            }

            IndexBuilder.CatchUp(connection, Entry, index, target, transaction, _context.Logger, cancellationToken);
        }

        return true;
    }

    /// <summary>Rebuilds one index synchronously from the database (the caller holds the write lock).</summary>
    private void RebuildNow(int i)
    {
        var index = Indexes[i];
        using var lease = _context.Database.Pool.Rent();
        using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
        var position = IndexSource.ReadPosition(lease.Connection, Entry.Sql, index.Plan.Column.Ordinal, snapshot);
        using var replacement = IndexBuilder.Build(lease.Connection, Entry, index.Plan, position, snapshot, _context.Logger, CancellationToken.None);
        index.Swap(replacement);
        snapshot.Commit();
    }
}
