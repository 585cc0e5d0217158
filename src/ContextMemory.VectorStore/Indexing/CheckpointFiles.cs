using ContextMemory.Faiss;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Checkpoint files of vector indexes: how they are validated before FAISS reads them, written, and moved aside
/// (quarantine) when damaged or foreign so they are never read again. Paths and links are <see cref="StoreDirectory"/>'s.
/// </summary>
/// <remarks>Thread-safe; writers of one collection's checkpoints hold its lock (<see cref="Locks"/>).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Its one lock lives as long as the store and holds no unmanaged resource.")]
internal sealed class CheckpointFiles
{
    private readonly StoreDirectory _directory;
    private readonly ILogger _logger;

    /// <summary>Held shared by every checkpoint write of this store, exclusively while leftover temporaries are deleted.</summary>
    private readonly ReaderWriterLockSlim _writes = new(LockRecursionPolicy.NoRecursion);

    public CheckpointFiles(StoreDirectory directory, ILogger logger)
    {
        _directory = directory;
        _logger = logger;
        Locks = new LockFiles(directory);
    }

    /// <summary>The per-collection locks held while checkpointing or compacting.</summary>
    public LockFiles Locks { get; }

    public string PathOf(long collectionId, int ordinal) => _directory.CheckpointPath(collectionId, ordinal);

    /// <summary>
    /// Loads the checkpoint of a vector property when it exists and provably belongs to this collection,
    /// schema and database; anything else is quarantined (with a warning) and null is returned.
    /// </summary>
    public VectorIndex? TryLoad(CollectionEntry entry, IndexPlan plan, long prunedSeq, IndexPosition database)
    {
        var path = PathOf(entry.Id, plan.Column.Ordinal);
        _directory.RemoveLink(_directory.IndexDirectory);
        switch (StoreDirectory.KindOf(path))
        {
            case EntryKind.Missing:
                return null;
            case EntryKind.Link:
                _directory.RemoveLink(path);
                return null;
            case EntryKind.Directory:
                // Left in place, it would make every checkpoint of this index fail, and with it every open.
                Quarantine(path, entry.Name, VectorStoreErrors.CheckpointIsDirectory);
                return null;
            default:
                return TryLoadFile(path, entry, plan, prunedSeq, database);
        }
    }

    /// <summary>The store header of a collection's checkpoint; null when there is no checkpoint file (or not a file) there.</summary>
    public CheckpointHeader? ReadHeader(long collectionId, int ordinal)
    {
        var path = PathOf(collectionId, ordinal);
        return StoreDirectory.KindOf(path) == EntryKind.File ? CheckpointHeader.TryParse(FaissIndex.Peek(path).UserData.Span) : null;
    }

    /// <summary>Writes the checkpoint of <paramref name="index"/> atomically; returns the changes it covers.</summary>
    /// <remarks>
    /// The file is written beside its final name and renamed over it, so a link at that name is replaced, never
    /// written through; the directory itself is made sure not to be a link first.
    /// </remarks>
    public long Save(CollectionEntry entry, VectorIndex index)
    {
        var column = index.Plan.Column;
        _directory.Prepare(_directory.IndexDirectory);
        _writes.EnterReadLock();
        try
        {
            return index.Save(PathOf(entry.Id, column.Ordinal), (position, trainedAt, spec, tombstones, damaged) => new CheckpointHeader(
                CheckpointHeader.CurrentFormat, entry.Id, entry.Uid, column.Ordinal, column.StorageName, column.Dimensions,
                column.DistanceFunction, column.IndexKind, spec.FactoryDescription, trainedAt, position.Vid, position.RemovalSeq)
            {
                Tombstones = tombstones,
                Damaged = damaged,
            });
        }
        finally
        {
            _writes.ExitReadLock();
        }
    }

    /// <summary>
    /// Deletes the leftovers of interrupted checkpoint writes (see <see cref="LeftoverFiles.DeleteTemporaries"/>) while no
    /// checkpoint of this store is being written: the temporary of a write in flight would go with them, and its rename fail.
    /// </summary>
    public void DeleteTemporaries(LeftoverFiles leftovers)
    {
        _writes.EnterWriteLock();
        try
        {
            leftovers.DeleteTemporaries();
        }
        finally
        {
            _writes.ExitWriteLock();
        }
    }

    /// <summary>
    /// The last checkpoint of an index as its collection closes: written unless another process is checkpointing the
    /// collection, and never a failure. A checkpoint is an optimisation (the database holds every change and the next
    /// open replays them), so a full or read-only disk costs a warning, not an exception out of Dispose.
    /// </summary>
    public void SaveOnClose(CollectionEntry entry, VectorIndex index)
    {
        try
        {
            using var fileLock = Locks.TryAcquire(entry.Id);
            if (fileLock is not null)
            {
                index.MarkCheckpointed(Save(entry, index));
            }
        }
        catch (Exception ex) when (StoreFailures.IsStorageFailure(ex))
        {
            StoreLog.CheckpointNotWrittenOnClose(_logger, ex, entry.Name, index.Plan.Column.StorageName, ex.Message);
        }
    }

    /// <summary>Moves a checkpoint (or whatever else sits at its path) aside, where it is never read again; compaction deletes the quarantine.</summary>
    public void Quarantine(string path, string collectionName, string reason)
    {
        if (_directory.RemoveLink(path))
        {
            return;
        }

        _directory.Prepare(_directory.QuarantineDirectory);
        var target = _directory.QuarantinePath(Path.GetFileName(path));
        try
        {
            if (StoreDirectory.KindOf(path) == EntryKind.Directory)
            {
                Directory.Move(path, target);
            }
            else
            {
                File.Move(path, target);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }

        StoreLog.CheckpointQuarantined(_logger, collectionName, Path.GetFileName(path), reason, target);
    }

    private VectorIndex? TryLoadFile(string path, CollectionEntry entry, IndexPlan plan, long prunedSeq, IndexPosition database)
    {
        FaissIndex? index = null;
        try
        {
            var info = FaissIndex.Peek(path);
            var header = CheckpointHeader.TryParse(info.UserData.Span);
            var problem = header is null ? VectorStoreErrors.CheckpointHeaderForeign
                : CheckpointChecks.Describe(header, entry, plan, prunedSeq, database, info);
            if (problem is not null)
            {
                Quarantine(path, entry.Name, problem);
                return null;
            }

            var loaded = FaissIndex.Load(path);
            index = loaded.Index;
            if (!loaded.UserData.Span.SequenceEqual(info.UserData.Span) || index.Dimension != header!.Dimensions
                || index.Metric != plan.Metric || index.Spec.FactoryDescription != header.Spec)
            {
                Quarantine(path, entry.Name, VectorStoreErrors.CheckpointIndexMismatch);
                index.Dispose();
                return null;
            }

            return new VectorIndex(plan, index, header.TrainedAt, new IndexPosition(header.AppliedVid, header.AppliedRemovalSeq),
                header.Tombstones, header.Damaged);
        }
        catch (Exception ex) when (ex is FaissException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            index?.Dispose();
            Quarantine(path, entry.Name, ex.Message);
            return null;
        }
    }
}
