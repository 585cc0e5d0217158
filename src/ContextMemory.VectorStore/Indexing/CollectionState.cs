using ContextMemory.Faiss;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The live state of one open collection, shared by every collection object of the same name in a store: its catalog
/// entry, the write lock, and one <see cref="VectorIndex"/> per vector property (all in a <see cref="StateContext"/>). A thin
/// type over its collaborators: <see cref="IndexLoader"/> opens the indexes, <see cref="IndexSynchronizer"/> keeps them
/// current, <see cref="IndexMaintenance"/> rebuilds, checkpoints and compacts them.
/// </summary>
/// <remarks>
/// Thread-safe. Writes are serialised by <see cref="WriteLock"/> in this process and by SQLite's
/// <c>BEGIN IMMEDIATE</c> across processes; searches run concurrently.
/// </remarks>
internal sealed class CollectionState : IDisposable
{
    private readonly StateContext _context;
    private readonly IndexSynchronizer _sync;
    private readonly IndexMaintenance _maintenance;
    private volatile bool _disposed;

    private CollectionState(StateContext context, long dataVersion)
    {
        _context = context;
        _maintenance = new IndexMaintenance(context);
        _sync = new IndexSynchronizer(context, _maintenance, dataVersion);
    }

    /// <summary>The catalog entry; replaced (same id and uid) when plain data columns are added.</summary>
    public CollectionEntry Entry => _context.Entry;

    /// <summary>Serialises writes, catch-up and index swaps of this collection within the process.</summary>
    public SemaphoreSlim WriteLock => _context.WriteLock;

    /// <summary>The vector indexes, in the order of <see cref="StoredSchema.Vectors"/>.</summary>
    public IReadOnlyList<VectorIndex> Indexes => _context.Indexes;

    /// <summary>The vids the last few search filters matched, per database version.</summary>
    public FilterResultCache FilterResults => _context.FilterResults;

    /// <summary>True once the collection was deleted (here or by another process).</summary>
    public bool IsDropped => _context.IsDropped;

    /// <summary>
    /// Opens the indexes of a collection (see <see cref="IndexLoader"/>), checkpoints the ones that had to be rebuilt, and
    /// starts maintenance.
    /// </summary>
    public static CollectionState Open(
        StoreDatabase database, CheckpointFiles checkpoints, ILogger logger, CollectionEntry entry, FaissIndexOptions options,
        CancellationToken cancellationToken)
    {
        var dataVersion = database.DataVersion();
        var (indexes, rebuilt) = IndexLoader.Load(database, checkpoints, entry, options, logger, cancellationToken);
        var state = new CollectionState(new StateContext(database, checkpoints, logger, entry, indexes), dataVersion);
        foreach (var index in rebuilt.Where(i => i.LiveCount > 0))
        {
            state._maintenance.TryCheckpoint(index);
        }

        // A checkpoint can hold an index short of its plan (written while a switch or training was still running, or
        // before the thresholds were lowered); maintenance otherwise starts only after a write, which a read-mostly
        // collection may never get, leaving it on the exact stage indefinitely.
        state._maintenance.Schedule();
        return state;
    }

    /// <inheritdoc cref="IndexSynchronizer.EnsureCurrentAsync"/>
    public ValueTask<bool> EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        return _sync.EnsureCurrentAsync(cancellationToken);
    }

    /// <inheritdoc cref="IndexSynchronizer.WriteAsync"/>
    public Task<T> WriteAsync<T>(Func<PooledConnection, SqliteTransaction, WriteBatch, T> write, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        return _sync.WriteAsync(write, cancellationToken);
    }

    /// <inheritdoc cref="IndexSynchronizer.ReadConsistentAsync"/>
    public Task<T> ReadConsistentAsync<T>(Func<PooledConnection, SqliteTransaction, T> read, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        return _sync.ReadConsistentAsync(read, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="failure"/> is what the deletion of this very collection (its catalog row, tables and
    /// indexes; a collection created again under the same name is another one) leaves to an operation still running on
    /// it: a released index or state, a dropped table, a released native index, a checkpoint file deleted with it. The caller makes sure the store is open.
    /// </summary>
    public bool WasDeletedUnder(Exception failure)
    {
        if (failure is not (ObjectDisposedException or SqliteException or FaissException or IOException or CollectionMissingException))
        {
            return false;
        }

        if (_context.IsDropped)
        {
            return true;
        }

        using var lease = _context.Database.Pool.Rent();
        return !_context.StillExists(lease.Connection, transaction: null);
    }

    /// <summary>Waits for background maintenance that is running now.</summary>
    public Task WaitForMaintenanceAsync() => _maintenance.WaitAsync();

    /// <inheritdoc cref="IndexMaintenance.CheckpointAsync"/>
    public Task CheckpointAsync(CancellationToken cancellationToken)
    {
        ThrowIfGone();
        return _maintenance.CheckpointAsync(cancellationToken);
    }

    /// <summary>
    /// Removes every deleted vector from the indexes (purging, or rebuilding kinds that cannot remove), then
    /// checkpoints them and empties the removal log, so no deleted vector remains in any index file.
    /// </summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        ThrowIfGone();
        await _maintenance.WaitAsync().ConfigureAwait(false);
        if (await EnsureCurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            await _maintenance.CompactAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adopts a newer catalog entry of the same collection (only data columns may differ).</summary>
    public void UpdateSchema(CollectionEntry entry) => _context.Entry = entry;

    /// <summary>Marks the state dropped (its collection was deleted); later operations see a missing collection.</summary>
    public void MarkDropped() => _context.MarkDropped();

    /// <summary>Throws the missing-collection error once the collection was deleted, <see cref="ThrowIfClosed"/>'s after that.</summary>
    private void ThrowIfGone()
    {
        ThrowIfClosed();
        if (_context.IsDropped)
        {
            throw _context.Missing();
        }
    }

    /// <summary>
    /// After <see cref="Dispose"/>: the documented missing-collection error when the collection was deleted (or replaced
    /// by another of the same name), <see cref="ObjectDisposedException"/> when the store was closed.
    /// </summary>
    private void ThrowIfClosed()
    {
        if (_disposed)
        {
            throw _context.IsDropped ? _context.Missing() : new ObjectDisposedException(nameof(CollectionState));
        }
    }

    /// <summary>Stops maintenance, writes the last checkpoints (unless dropped) and releases the indexes; idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _maintenance.Dispose();
        if (!_context.IsDropped)
        {
            foreach (var index in Indexes.Where(i => i.ChangesSinceCheckpoint > 0))
            {
                _context.Checkpoints.SaveOnClose(Entry, index);
            }
        }

        foreach (var index in Indexes)
        {
            index.Dispose();
        }

        // WriteLock is not disposed: operations racing with a delete must see "dropped", not a disposed lock.
    }
}
