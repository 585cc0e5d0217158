using ContextMemory.Faiss;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <content>
/// Background maintenance: rebuilding indexes whose plan moved on (Dynamic switch, IVF (re)training, HNSW
/// tombstones), checkpoints, pruning the removal log; and the explicit compaction.
/// </content>
internal sealed partial class CollectionState
{
    private const int PruneBatch = 10_000;
    private readonly Lock _maintenanceGate = new();
    private Task _maintenance = Task.CompletedTask;

    /// <summary>Waits for background maintenance that is running now.</summary>
    public Task WaitForMaintenanceAsync()
    {
        lock (_maintenanceGate)
        {
            return _maintenance;
        }
    }

    /// <summary>
    /// Brings every index to its planned kind, then checkpoints every index with unsaved changes, and prunes
    /// the removal log up to what the checkpoints cover.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await WaitForMaintenanceAsync().ConfigureAwait(false);
        for (var i = 0; i < _indexes.Length; i++)
        {
            if (_indexes[i].NeedsRebuild())
            {
                await RebuildAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }

        using var fileLock = await FileLock.AcquireAsync(LockPath, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        foreach (var index in _indexes.Where(i => i.ChangesSinceCheckpoint > 0))
        {
            Checkpoint(index);
        }

        await PruneRemovalsAsync(force: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes every deleted vector from the indexes (purging, or rebuilding kinds that cannot remove), then
    /// checkpoints them and empties the removal log, so no deleted vector remains in any index file.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        await WaitForMaintenanceAsync().ConfigureAwait(false);
        if (!await EnsureCurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        for (var i = 0; i < _indexes.Length; i++)
        {
            var index = _indexes[i];
            index.Purge();
            if (index.TombstoneCount > 0 || index.NeedsRebuild())
            {
                await RebuildAsync(i, cancellationToken).ConfigureAwait(false);
            }
        }

        using var fileLock = await FileLock.AcquireAsync(LockPath, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        foreach (var index in _indexes)
        {
            Checkpoint(index);
        }

        await PruneRemovalsAsync(force: true, cancellationToken).ConfigureAwait(false);
    }

    private void ScheduleMaintenance()
    {
        if (_disposed || _dropped || !_indexes.Any(NeedsWork))
        {
            return;
        }

        lock (_maintenanceGate)
        {
            if (_maintenance.IsCompleted)
            {
                var token = _disposing.Token;
                _maintenance = Task.Run(() => MaintainAsync(token), token);
            }
        }
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
            for (var i = 0; i < _indexes.Length && !cancellationToken.IsCancellationRequested; i++)
            {
                var index = _indexes[i];
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
            LogMaintenanceFailed(_logger, ex, Entry.Name);
        }
    }

    /// <summary>
    /// Rebuilds one index from a database snapshot without blocking writers or searches, then, under the write
    /// lock, replays what was committed meanwhile and swaps it in.
    /// </summary>
    private async Task RebuildAsync(int i, CancellationToken cancellationToken)
    {
        var index = _indexes[i];
        VectorIndex replacement;
        using (var lease = _database.Pool.Rent())
        using (var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true))
        {
            var position = IndexSource.ReadPosition(lease.Connection, Entry.Sql, index.Plan.Column.Ordinal, snapshot);
            var (built, trainedAt) = IndexBuilder.Build(lease.Connection, Entry.Sql, index.Plan, position, snapshot, cancellationToken);
            replacement = new VectorIndex(index.Plan, built, trainedAt, position, unsaved: true);
            snapshot.Commit();
        }

        using (replacement)
        {
            await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_dropped)
                {
                    return;
                }

                using var lease = _database.Pool.Rent();
                using var snapshot = lease.Connection.Connection.BeginTransaction(deferred: true);
                var target = IndexSource.ReadPosition(lease.Connection, Entry.Sql, index.Plan.Column.Ordinal, snapshot);
                IndexBuilder.CatchUp(lease.Connection, Entry.Sql, replacement, target, snapshot, cancellationToken);
                snapshot.Commit();
                index.Swap(replacement);
            }
            finally
            {
                WriteLock.Release();
            }
        }

        LogRebuilt(_logger, Entry.Name, index.Plan.Column.StorageName, index.Spec.FactoryDescription, index.LiveCount);
        TryCheckpoint(index);
    }

    /// <summary>Checkpoints unless another process is checkpointing this collection right now.</summary>
    private void TryCheckpoint(VectorIndex index)
    {
        using var fileLock = FileLock.TryAcquire(LockPath);
        if (fileLock is not null)
        {
            Checkpoint(index);
        }
    }

    private void Checkpoint(VectorIndex index)
    {
        var covered = _checkpoints.Save(Entry, index);
        index.MarkCheckpointed(covered);
    }

    /// <summary>
    /// Deletes removal-log entries every checkpoint already reflects. Processes whose in-memory index is older
    /// than the pruned point notice it from <c>pruned_seq</c> and rebuild.
    /// </summary>
    private async Task PruneRemovalsAsync(bool force, CancellationToken cancellationToken)
    {
        var covered = long.MaxValue;
        foreach (var index in _indexes)
        {
            var path = _checkpoints.PathOf(Entry.Id, index.Plan.Column.Ordinal);
            if (!File.Exists(path))
            {
                return;
            }

            var header = CheckpointHeader.TryParse(FaissIndex.Peek(path).UserData.Span);
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

        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _database.Pool.Rent();
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
            WriteLock.Release();
        }
    }

    private void WaitForMaintenance()
    {
        Task running;
        lock (_maintenanceGate)
        {
            running = _maintenance;
        }

        try
        {
            running.Wait();
        }
        catch (AggregateException)
        {
            // Logged by the task itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Collection '{Collection}': background index maintenance failed; it is retried after the next write.")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection '{Collection}': rebuilt the index of '{Vector}' as {Spec} over {Count} vectors.")]
    private static partial void LogRebuilt(ILogger logger, string collection, string vector, string spec, long count);
}
