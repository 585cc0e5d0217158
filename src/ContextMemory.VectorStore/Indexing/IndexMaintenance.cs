using ContextMemory.Faiss;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Index maintenance of one open collection: in the background, rebuilding indexes whose plan moved on (Dynamic switch,
/// IVF (re)training, HNSW tombstones), periodic checkpoints and pruning the removal log; on request, checkpoints and
/// compaction.
/// </summary>
/// <remarks>Thread-safe. At most one background run at a time; <see cref="Dispose"/> cancels it and waits for it.</remarks>
internal sealed class IndexMaintenance : IDisposable
{
    private const int PruneBatch = 10_000;
    private static readonly TimeSpan CheckpointLockTimeout = TimeSpan.FromMinutes(5);
    private readonly StateContext _context;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private volatile bool _stopped;

    public IndexMaintenance(StateContext context) => _context = context;

    private CollectionEntry Entry => _context.Entry;

    private IReadOnlyList<VectorIndex> Indexes => _context.Indexes;

    /// <summary>The background run in progress (a completed task when none is).</summary>
    public Task WaitAsync()
    {
        lock (_gate)
        {
            return _running;
        }
    }

    /// <summary>Starts a background run when an index needs work and none is running.</summary>
    public void Schedule()
    {
        if (_stopped || _context.IsDropped || !Indexes.Any(NeedsWork))
        {
            return;
        }

        lock (_gate)
        {
            // Checked again under the gate: Dispose sets it there before it disposes the token source.
            if (!_stopped && _running.IsCompleted)
            {
                var token = _stopping.Token;
                _running = Task.Run(() => MaintainAsync(token), token);
            }
        }
    }

    /// <summary>
    /// Brings every index to its planned kind, then checkpoints every index with unsaved changes, and prunes the removal
    /// log up to what the checkpoints cover.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await WaitAsync().ConfigureAwait(false);
        for (var i = 0; i < Indexes.Count; i++)
        {
            if (Indexes[i].NeedsRebuild())
            {
                await RebuildAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }

        using var fileLock = await _context.Checkpoints.Locks.AcquireAsync(Entry.Id, CheckpointLockTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var index in Indexes.Where(i => i.ChangesSinceCheckpoint > 0))
        {
            Checkpoint(index);
        }

        await PruneRemovalsAsync(force: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes every deleted vector from the indexes (purging, or rebuilding kinds that cannot remove), then checkpoints
    /// them and empties the removal log. The caller has caught the indexes up with the database.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Indexes.Count; i++)
        {
            var index = Indexes[i];
            index.Purge();
            if (index.TombstoneCount > 0 || index.NeedsRebuild())
            {
                await RebuildAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }

        using var fileLock = await _context.Checkpoints.Locks.AcquireAsync(Entry.Id, CheckpointLockTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var index in Indexes)
        {
            Checkpoint(index);
        }

        await PruneRemovalsAsync(force: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checkpoints unless another process is checkpointing this collection right now.</summary>
    public void TryCheckpoint(VectorIndex index)
    {
        using var fileLock = _context.Checkpoints.Locks.TryAcquire(Entry.Id);
        if (fileLock is not null)
        {
            Checkpoint(index);
        }
    }

    /// <summary>Stops scheduling, cancels the background run and waits for it to end; idempotent.</summary>
    public void Dispose()
    {
        Task running;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            running = _running;
        }

        _stopping.Cancel();
        try
        {
            running.Wait();
        }
        catch (AggregateException)
        {
            // Logged by the task itself.
        }

        _stopping.Dispose();
    }

    private static bool NeedsWork(VectorIndex index) => CheckpointDue(index) || index.NeedsRebuild();

    /// <summary>
    /// Whether a periodic checkpoint is due: after the configured interval of changes, and at least a quarter of the
    /// index's size. A checkpoint rewrites the whole index, so a fixed interval alone makes a growing collection's
    /// checkpoints cost quadratic work (at 1M vectors, every 20,000 changes would rewrite up to the full index); in
    /// proportion to the size they stay a constant factor of the ingest, and replay at open stays a bounded share of a rebuild.
    /// </summary>
    private static bool CheckpointDue(VectorIndex index) =>
        index.ChangesSinceCheckpoint >= Math.Max(index.Plan.Options.CheckpointInterval, index.LiveCount / 4);

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < Indexes.Count && !cancellationToken.IsCancellationRequested; i++)
            {
                var index = Indexes[i];
                if (index.NeedsRebuild())
                {
                    await RebuildAsync(i, cancellationToken).ConfigureAwait(false);
                }

                if (CheckpointDue(index))
                {
                    TryCheckpoint(index);
                }
            }

            await PruneRemovalsAsync(force: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposing: the work is redone from the database next time.
        }
        catch (Exception ex) when (ex is FaissException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A collection deleted under the run (its tables dropped) has nothing left to maintain.
            if (!_context.IsDropped)
            {
                StoreLog.MaintenanceFailed(_context.Logger, ex, Entry.Name);
            }
        }
    }

    /// <summary>
    /// Rebuilds one index from a database snapshot without blocking writers or searches, then, under the write
    /// lock, replays what was committed meanwhile and swaps it in.
    /// </summary>
    private async Task RebuildAsync(int i, CancellationToken cancellationToken)
    {
        var index = Indexes[i];
        var database = _context.Database;
        VectorIndex replacement;
        using (var lease = database.Pool.Rent())
        using (var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true))
        {
            var position = IndexSource.ReadPosition(lease.Connection, Entry.Sql, index.Plan.Column.Ordinal, snapshot);
            replacement = IndexBuilder.Build(lease.Connection, Entry, index.Plan, position, snapshot, _context.Logger, cancellationToken);
            snapshot.Commit();
        }

        using (replacement)
        {
            await _context.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_context.IsDropped)
                {
                    return;
                }

                using var lease = database.Pool.Rent();
                using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
                var target = IndexSource.ReadPosition(lease.Connection, Entry.Sql, index.Plan.Column.Ordinal, snapshot);
                IndexBuilder.CatchUp(lease.Connection, Entry, replacement, target, snapshot, _context.Logger, cancellationToken);
                snapshot.Commit();
                index.Swap(replacement);
            }
            finally
            {
                _context.WriteLock.Release();
            }
        }

        StoreLog.IndexRebuilt(_context.Logger, Entry.Name, index.Plan.Column.StorageName, index.Spec.FactoryDescription, index.LiveCount);
        TryCheckpoint(index);
    }

    private void Checkpoint(VectorIndex index)
    {
        var covered = _context.Checkpoints.Save(Entry, index);
        index.MarkCheckpointed(covered);
    }

    /// <summary>
    /// Deletes removal-log entries every checkpoint already reflects. Processes whose in-memory index is older
    /// than the pruned point notice it from <c>pruned_seq</c> and rebuild.
    /// </summary>
    private async Task PruneRemovalsAsync(bool force, CancellationToken cancellationToken)
    {
        var covered = long.MaxValue;
        foreach (var index in Indexes)
        {
            var header = _context.Checkpoints.ReadHeader(Entry.Id, index.Plan.Column.Ordinal);
            if (header is null)
            {
                return;
            }

            covered = Math.Min(covered, header.AppliedRemovalSeq);
        }

        if (covered == long.MaxValue || covered <= 0)
        {
            return;
        }

        await _context.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _context.Database.Pool.Rent();
            using var transaction = lease.Connection.Connection.BeginTransaction(deferred: false);
            var pruned = CollectionCatalog.GetPrunedSeq(lease.Connection, Entry.Id, transaction);
            if (!force && covered - pruned < PruneBatch)
            {
                return;
            }

            var delete = lease.Connection.Command(Entry.Sql.PruneRemovals, transaction);
            PooledConnection.Bind(delete, "$upto", covered);
            delete.ExecuteNonQuery();
            CollectionCatalog.SetPrunedSeq(lease.Connection, Entry.Id, covered, transaction);
            transaction.Commit();
        }
        finally
        {
            _context.WriteLock.Release();
        }
    }
}
