using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// What the collaborators of one open collection (<see cref="CollectionState"/>, <see cref="IndexSynchronizer"/>,
/// <see cref="IndexMaintenance"/>) share: the database and checkpoint files, the catalog entry, the indexes, the write
/// lock and whether the collection was deleted.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class StateContext
{
    private readonly VectorIndex[] _indexes;
    private volatile bool _dropped;
    private CollectionEntry _entry;

    public StateContext(StoreDatabase database, CheckpointFiles checkpoints, ILogger logger, CollectionEntry entry, VectorIndex[] indexes)
    {
        Database = database;
        Checkpoints = checkpoints;
        Logger = logger;
        _entry = entry;
        _indexes = indexes;
    }

    public StoreDatabase Database { get; }

    public CheckpointFiles Checkpoints { get; }

    public ILogger Logger { get; }

    /// <summary>The catalog entry; replaced (same id and uid) when plain data columns are added.</summary>
    public CollectionEntry Entry
    {
        get => Volatile.Read(ref _entry);
        set => Volatile.Write(ref _entry, value);
    }

    /// <summary>The vector indexes, in the order of <see cref="StoredSchema.Vectors"/>.</summary>
    public IReadOnlyList<VectorIndex> Indexes => _indexes;

    /// <summary>Serialises writes, catch-up and index swaps of this collection within the process.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "Never disposed on purpose; see CollectionState.Dispose.")]
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>The vids the last few search filters matched, per database version.</summary>
    public FilterResultCache FilterResults { get; } = new();

    /// <summary>True once the collection was deleted (here or by another process).</summary>
    public bool IsDropped => _dropped;

    public void MarkDropped() => _dropped = true;

    /// <summary>
    /// Checks, inside <paramref name="transaction"/> (or outside any), that the catalog still has this very collection:
    /// the same id and uid, not merely a collection of the same name (one deleted and created again is another).
    /// </summary>
    public bool StillExists(PooledConnection connection, SqliteTransaction? transaction)
    {
        var entry = Entry;
        var current = CollectionCatalog.Find(connection, entry.Name, transaction);
        if (current is null || current.Id != entry.Id || current.Uid != entry.Uid)
        {
            _dropped = true;
        }

        return !_dropped;
    }

    /// <summary>The documented error for an operation on a collection that no longer exists.</summary>
    public CollectionMissingException Missing() => new(VectorStoreErrors.CollectionDoesNotExist(Entry.Name));
}
