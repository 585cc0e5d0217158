using System.Globalization;
using ContextMemory.Faiss;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Checkpoint files of vector indexes: where they live, how they are validated before FAISS reads them,
/// and where damaged or foreign ones go (quarantine) so they are never read again.
/// </summary>
internal sealed partial class CheckpointFiles
{
    private const string Extension = ".cmfi";
    private readonly StoreDatabase _database;
    private readonly ILogger _logger;

    public CheckpointFiles(StoreDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    public string PathOf(long collectionId, int ordinal) => Path.Combine(
        _database.IndexDirectory,
        string.Create(CultureInfo.InvariantCulture, $"c{collectionId}-v{ordinal}{Extension}"));

    /// <summary>
    /// Loads the checkpoint of a vector property when it exists and provably belongs to this collection,
    /// schema and database; anything else is quarantined (with a warning) and null is returned.
    /// </summary>
    public VectorIndex? TryLoad(CollectionEntry entry, IndexPlan plan, long prunedSeq, IndexPosition database)
    {
        var path = PathOf(entry.Id, plan.Column.Ordinal);
        if (Directory.Exists(path))
        {
            // Left in place, it would make every checkpoint of this index fail, and with it every open.
            Quarantine(path, entry.Name, "it is a directory, not a checkpoint file");
            return null;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        CheckpointHeader? header;
        FaissIndex? index = null;
        try
        {
            var info = FaissIndex.Peek(path);
            header = CheckpointHeader.TryParse(info.UserData.Span);
            var problem = header is null ? "its header is not a checkpoint header of this store"
                : Describe(header, entry, plan, prunedSeq, database, info);
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
                Quarantine(path, entry.Name, "the index inside does not match its header");
                index.Dispose();
                return null;
            }

            return new VectorIndex(plan, index, header.TrainedAt, new IndexPosition(header.AppliedVid, header.AppliedRemovalSeq), header.Tombstones);
        }
        catch (Exception ex) when (ex is FaissException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            index?.Dispose();
            Quarantine(path, entry.Name, ex.Message);
            return null;
        }
    }

    /// <summary>Writes the checkpoint of <paramref name="index"/> atomically; returns the changes it covers.</summary>
    public long Save(CollectionEntry entry, VectorIndex index)
    {
        var column = index.Plan.Column;
        return index.Save(PathOf(entry.Id, column.Ordinal), (position, trainedAt, spec, tombstones) => new CheckpointHeader(
            CheckpointHeader.CurrentFormat, entry.Id, entry.Uid, column.Ordinal, column.StorageName, column.Dimensions,
            column.DistanceFunction, column.IndexKind, spec.FactoryDescription, trainedAt, position.Vid, position.RemovalSeq)
        {
            Tombstones = tombstones,
        });
    }

    /// <summary>Moves a checkpoint (or whatever else sits at its path) aside, where it is never read again; compaction deletes the quarantine.</summary>
    public void Quarantine(string path, string collectionName, string reason)
    {
        Directory.CreateDirectory(_database.QuarantineDirectory);
        var target = Path.Combine(
            _database.QuarantineDirectory,
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}.{DateTime.UtcNow:yyyyMMddHHmmssfff}.{Guid.NewGuid():N}"));
        try
        {
            if (Directory.Exists(path))
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

        LogQuarantined(_logger, collectionName, Path.GetFileName(path), reason, target);
    }

    /// <summary>Deletes every checkpoint of a collection (after the collection is dropped).</summary>
    public void DeleteAll(long collectionId)
    {
        foreach (var file in Directory.EnumerateFiles(_database.IndexDirectory, string.Create(CultureInfo.InvariantCulture, $"c{collectionId}-v*{Extension}")))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Deletes checkpoint and lock files of collections that no longer exist: ids up to <paramref name="highestId"/> (read
    /// before <paramref name="liveCollectionIds"/> was listed) that are not live. Collection ids are never reused, and a
    /// collection created meanwhile by another process has a higher id, so no process can still need these files.
    /// </summary>
    public void DeleteOrphans(IReadOnlySet<long> liveCollectionIds, long highestId)
    {
        DeleteOrphans(_database.IndexDirectory, "c*-v*" + Extension, '-', liveCollectionIds, highestId);
        DeleteOrphans(_database.LockDirectory, "c*.lock", '.', liveCollectionIds, highestId);
    }

    /// <summary>Deletes leftovers of interrupted checkpoint writes and, when asked, the quarantine.</summary>
    public void DeleteLeftovers(bool includeQuarantine)
    {
        foreach (var file in Directory.EnumerateFiles(_database.IndexDirectory, ".*.tmp"))
        {
            TryDelete(file);
        }

        if (includeQuarantine && Directory.Exists(_database.QuarantineDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(_database.QuarantineDirectory))
            {
                TryDelete(file);
            }

            foreach (var directory in Directory.EnumerateDirectories(_database.QuarantineDirectory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void DeleteOrphans(string directory, string pattern, char afterId, IReadOnlySet<long> liveCollectionIds, long highestId)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, pattern))
        {
            var name = Path.GetFileName(file);
            var end = name.IndexOf(afterId, StringComparison.Ordinal);
            if (end > 1 && long.TryParse(name.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && id <= highestId && !liveCollectionIds.Contains(id))
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Another process may be writing it right now; it renames or removes it itself.
        }
    }

    private static string? Describe(
        CheckpointHeader header, CollectionEntry entry, IndexPlan plan, long prunedSeq, IndexPosition database, FaissFileInfo info)
    {
        var column = plan.Column;
        if (header.CollectionId != entry.Id || header.CollectionUid != entry.Uid)
        {
            return "it belongs to another collection";
        }

        if (header.VectorOrdinal != column.Ordinal || header.VectorName != column.StorageName || header.Dimensions != column.Dimensions
            || header.DistanceFunction != column.DistanceFunction || header.IndexKind != column.IndexKind
            || info.Dimension != column.Dimensions || info.Metric != plan.Metric)
        {
            return "it was built for a different vector property definition";
        }

        if (header.AppliedVid > database.Vid || header.AppliedRemovalSeq > database.RemovalSeq)
        {
            return "it is ahead of the database (the database was replaced or restored)";
        }

        if (header.AppliedRemovalSeq < prunedSeq)
        {
            return "it is older than the retained change log";
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Collection '{Collection}': index checkpoint {File} was not used because {Reason}; it was moved to {Target} and the index is rebuilt from the database.")]
    private static partial void LogQuarantined(ILogger logger, string collection, string file, string reason, string target);
}
