using System.IO.Enumeration;
using System.Text;
using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// What a store directory holds before SQLite touches it: the state of the database file, the checkpoints and
/// quarantined files that show a database existed, and entries that are not the store's at all.
/// </summary>
/// <remarks>
/// Taken before the database is opened, so a checkpoint listed here was written after its collection was committed to
/// the catalog: if the catalog then lacks that collection, the database is not the one the checkpoint was made from.
/// </remarks>
internal sealed class StoreInventory
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    private StoreInventory(DatabaseFileState database, IReadOnlyList<(string Name, long CollectionId)> checkpoints, int quarantined,
        bool writeAheadLog, IReadOnlyList<string> unrelated)
    {
        Database = database;
        Checkpoints = checkpoints;
        Quarantined = quarantined;
        WriteAheadLog = writeAheadLog;
        Unrelated = unrelated;
    }

    public DatabaseFileState Database { get; }

    /// <summary>Checkpoint files in <c>indexes/</c> and the collection each names.</summary>
    public IReadOnlyList<(string Name, long CollectionId)> Checkpoints { get; }

    /// <summary>Entries of <c>quarantine/</c>.</summary>
    public int Quarantined { get; }

    /// <summary>Whether a non-empty write-ahead log is there.</summary>
    public bool WriteAheadLog { get; }

    /// <summary>Top-level entries that are not the store's, in order.</summary>
    public IReadOnlyList<string> Unrelated { get; }

    /// <summary>No database yet (or one SQLite created but never wrote).</summary>
    public bool IsNew => Database is DatabaseFileState.Missing or DatabaseFileState.Empty;

    /// <summary>No database, but files that only a store with a database writes.</summary>
    public bool DatabaseIsLost => IsNew && (Checkpoints.Count > 0 || Quarantined > 0 || WriteAheadLog);

    /// <summary>What a lost database left behind, in words.</summary>
    public string LeftoversText => VectorStoreErrors.Leftovers(Checkpoints.Count, Quarantined, WriteAheadLog);

    /// <summary>Looks at the directory without following any link inside it and without changing anything.</summary>
    public static StoreInventory Take(StoreDirectory directory)
    {
        var checkpoints = new List<(string, long)>();
        foreach (var path in EntriesOfRealDirectory(directory.IndexDirectory, StoreDirectory.CheckpointPattern))
        {
            var name = Path.GetFileName(path);
            if (StoreDirectory.TryParseCollectionId(name, '-', out var id))
            {
                checkpoints.Add((name, id));
            }
        }

        var wal = directory.DatabasePath + "-wal";
        return new StoreInventory(
            StateOf(directory.DatabasePath),
            [.. checkpoints.OrderBy(c => c.Item2)],
            EntriesOfRealDirectory(directory.QuarantineDirectory, StoreDirectory.QuarantinedPattern).Count,
            StoreDirectory.KindOf(wal) == EntryKind.File && new FileInfo(wal).Length > 0,
            UnrelatedEntries(directory));
    }

    /// <summary>The checkpoints naming collections above <paramref name="highestCollectionId"/>, which the catalog never had.</summary>
    public List<string> CheckpointsAbove(long highestCollectionId) =>
        [.. Checkpoints.Where(c => c.CollectionId > highestCollectionId).Select(c => c.Name)];

    private static DatabaseFileState StateOf(string path)
    {
        switch (StoreDirectory.KindOf(path))
        {
            case EntryKind.Missing:
                return DatabaseFileState.Missing;
            case EntryKind.File:
                break;
            default:
                return DatabaseFileState.NotSqlite;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            return DatabaseFileState.Empty;
        }

        Span<byte> header = stackalloc byte[16];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return header[..read].SequenceEqual(SqliteHeader) ? DatabaseFileState.Sqlite : DatabaseFileState.NotSqlite;
    }

    /// <summary>
    /// Entries that the store would not have made: top-level names that are not its own, and entries of its
    /// directories that do not have the names it gives (relative paths, in order).
    /// </summary>
    private static List<string> UnrelatedEntries(StoreDirectory directory)
    {
        var unrelated = EntriesOfRealDirectory(directory.Root, "*").Select(p => Path.GetFileName(p)!)
            .Where(n => !StoreDirectory.OwnNames.Contains(n)).ToList();
        foreach (var (own, patterns) in directory.OwnDirectories)
        {
            unrelated.AddRange(EntriesOfRealDirectory(own, "*").Select(p => Path.GetFileName(p)!)
                .Where(n => !patterns.Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, n, ignoreCase: false)))
                .Select(n => Path.GetFileName(own) + "/" + n));
        }

        return [.. unrelated.Order(StringComparer.Ordinal)];
    }

    private static List<string> EntriesOfRealDirectory(string directory, string pattern) =>
        StoreDirectory.KindOf(directory) == EntryKind.Directory ? [.. Directory.EnumerateFileSystemEntries(directory, pattern)] : [];
}
