using System.Globalization;
using ContextMemory.VectorStore.Search;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The live state of one open collection, shared by every collection object of the same name in a store:
/// its catalog entry, the write lock, and one <see cref="VectorIndex"/> per vector property.
/// </summary>
/// <remarks>
/// Thread-safe. Writes are serialised by <see cref="WriteLock"/> in this process and by SQLite's
/// <c>BEGIN IMMEDIATE</c> across processes; searches run concurrently.
/// </remarks>
internal sealed partial class CollectionState : IDisposable
{
    private readonly StoreDatabase _database;
    private readonly CheckpointFiles _checkpoints;
    private readonly ILogger _logger;
    private readonly VectorIndex[] _indexes;
    private readonly CancellationTokenSource _disposing = new();
    private long _seenDataVersion;
    private volatile bool _dropped;
    private volatile bool _disposed;
    private CollectionEntry _entry;

    private CollectionState(StoreDatabase database, CheckpointFiles checkpoints, ILogger logger, CollectionEntry entry, VectorIndex[] indexes, long dataVersion)
    {
        _database = database;
        _checkpoints = checkpoints;
        _logger = logger;
        _entry = entry;
        _indexes = indexes;
        _seenDataVersion = dataVersion;
    }

    /// <summary>The catalog entry; replaced (same id and uid) when plain data columns are added.</summary>
    public CollectionEntry Entry => Volatile.Read(ref _entry);

    /// <summary>Serialises writes, catch-up and index swaps of this collection within the process.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "Never disposed on purpose; see Dispose.")]
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>The vector indexes, in the order of <see cref="StoredSchema.Vectors"/>.</summary>
    public IReadOnlyList<VectorIndex> Indexes => _indexes;

    /// <summary>The vids the last few search filters matched, per database version.</summary>
    public FilterResultCache FilterResults { get; } = new();

    /// <summary>True once the collection was deleted (here or by another process).</summary>
    public bool IsDropped => _dropped;

    /// <summary>
    /// Opens the indexes of a collection: each from its checkpoint when that is valid and consistent with the
    /// database (then replaying newer changes), otherwise rebuilt from the database.
    /// </summary>
    public static CollectionState Open(
        StoreDatabase database, CheckpointFiles checkpoints, ILogger logger, CollectionEntry entry, FaissIndexOptions options,
        CancellationToken cancellationToken)
    {
        var dataVersion = database.DataVersion();
        var indexes = new VectorIndex[entry.Schema.Vectors.Count];
        var rebuilt = new List<VectorIndex>();
        try
        {
            using var lease = database.Pool.Rent();
            var connection = lease.Connection;
            using var snapshot = connection.Connection.BeginTransaction(deferred: true);
            var prunedSeq = CollectionCatalog.GetPrunedSeq(connection, entry.Id, snapshot);
            for (var i = 0; i < indexes.Length; i++)
            {
                var plan = new IndexPlan(entry.Schema.Vectors[i], options);
                var position = IndexSource.ReadPosition(connection, entry.Sql, plan.Column.Ordinal, snapshot);
                var index = checkpoints.TryLoad(entry, plan, prunedSeq, position);
                if (index is not null)
                {
                    IndexBuilder.CatchUp(connection, entry.Sql, index, position, snapshot, cancellationToken);
                    var stored = IndexSource.CountVectors(connection, entry.Sql, plan.Column.Ordinal, snapshot);
                    var live = index.LiveCount;
                    if (live != stored)
                    {
                        index.Dispose();
                        index = null;
                        checkpoints.Quarantine(checkpoints.PathOf(entry.Id, plan.Column.Ordinal), entry.Name,
                            string.Create(CultureInfo.InvariantCulture, $"after replay it holds {live} vectors where the database has {stored}"));
                    }
                }

                if (index is null)
                {
                    var (built, trainedAt) = IndexBuilder.Build(connection, entry.Sql, plan, position, snapshot, cancellationToken);
                    index = new VectorIndex(plan, built, trainedAt, position, unsaved: true);
                    rebuilt.Add(index);
                }

                indexes[i] = index;
            }

            snapshot.Commit();
        }
        catch
        {
            foreach (var index in indexes)
            {
                index?.Dispose();
            }

            throw;
        }

        var state = new CollectionState(database, checkpoints, logger, entry, indexes, dataVersion);
        foreach (var index in rebuilt.Where(i => i.LiveCount > 0))
        {
            state.TryCheckpoint(index);
        }

        // A checkpoint can hold an index short of its plan (written while a switch or training was still running, or
        // before the thresholds were lowered); maintenance otherwise starts only after a write, which a read-mostly
        // collection may never get, leaving it on the exact stage indefinitely.
        state.ScheduleMaintenance();
        return state;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _disposing.Cancel();
        WaitForMaintenance();
        if (!_dropped)
        {
            foreach (var index in _indexes.Where(i => i.ChangesSinceCheckpoint > 0))
            {
                _checkpoints.SaveOnClose(Entry, index);
            }
        }

        foreach (var index in _indexes)
        {
            index.Dispose();
        }

        // WriteLock is not disposed: operations racing with a delete must see "dropped", not a disposed lock.
        _disposing.Dispose();
    }

    /// <summary>Adopts a newer catalog entry of the same collection (only data columns may differ).</summary>
    public void UpdateSchema(CollectionEntry entry) => Volatile.Write(ref _entry, entry);

    /// <summary>Marks the state dropped (its collection was deleted); later operations see a missing collection.</summary>
    public void MarkDropped() => _dropped = true;

    /// <summary>Checks, inside <paramref name="transaction"/>, that the catalog still has this very collection.</summary>
    private bool StillExists(PooledConnection connection, SqliteTransaction transaction)
    {
        var current = CollectionCatalog.Find(connection, Entry.Name, transaction);
        if (current is null || current.Id != Entry.Id || current.Uid != Entry.Uid)
        {
            _dropped = true;
        }

        return !_dropped;
    }
}
