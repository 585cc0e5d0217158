using System.Globalization;
using ContextMemory.VectorStore.Failures;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// Every path the store touches inside its directory, and the one place that decides what to do with a symbolic link
/// found at one of them. The store directory itself may be a link (the caller chose it); nothing inside it is
/// followed: a link where the store keeps a directory, a checkpoint or a lock file is removed (the link, never its
/// target), and a link where SQLite keeps the database is refused, because SQLite would follow it.
/// </summary>
/// <remarks>
/// Thread-safe. Links are looked for right before each use (one <c>lstat</c>), not once at open: another process, or
/// a user, can plant one at any time.
/// </remarks>
internal sealed class StoreDirectory
{
    public const string DatabaseFileName = "store.db";
    public const string CheckpointExtension = ".cmfi";
    public const string CheckpointPattern = "c*-v*" + CheckpointExtension;
    public const string TemporaryPattern = ".*.tmp";
    public const string LockPattern = "c*.lock";
    public const string QuarantinedPattern = CheckpointPattern + ".*";
    private const string IndexFolder = "indexes";
    private const string QuarantineFolder = "quarantine";
    private const string LockFolder = "locks";
    private static readonly string[] DatabaseSuffixes = ["", "-wal", "-shm", "-journal"];
    private readonly ILogger _logger;

    public StoreDirectory(string root, ILogger logger)
    {
        Root = Path.GetFullPath(root);
        _logger = logger;
        DatabasePath = Path.Combine(Root, DatabaseFileName);
        IndexDirectory = Path.Combine(Root, IndexFolder);
        QuarantineDirectory = Path.Combine(Root, QuarantineFolder);
        LockDirectory = Path.Combine(Root, LockFolder);
    }

    /// <summary>The names the store gives to entries of its directory; anything else there belongs to someone else.</summary>
    public static IReadOnlySet<string> OwnNames { get; } = new HashSet<string>(
        [.. DatabaseSuffixes.Select(s => DatabaseFileName + s), IndexFolder, QuarantineFolder, LockFolder], StringComparer.Ordinal);

    public string Root { get; }

    /// <summary>The store's directories and the names the store gives to entries in each.</summary>
    public IEnumerable<(string Directory, string[] Patterns)> OwnDirectories =>
    [
        (IndexDirectory, [CheckpointPattern, TemporaryPattern]),
        (LockDirectory, [LockPattern]),
        (QuarantineDirectory, [QuarantinedPattern, CheckpointPattern]),
    ];

    public string DatabasePath { get; }

    /// <summary>The database and the files SQLite keeps beside it (write-ahead log, shared memory, rollback journal).</summary>
    public IEnumerable<string> DatabaseFiles => DatabaseSuffixes.Select(s => DatabasePath + s);

    public string IndexDirectory { get; }

    public string QuarantineDirectory { get; }

    public string LockDirectory { get; }

    /// <summary>What <paramref name="path"/> is, without following a link there.</summary>
    public static EntryKind KindOf(string path)
    {
        var attributes = new FileInfo(path).Attributes;
        if ((int)attributes == -1)
        {
            return EntryKind.Missing;
        }

        if (attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return EntryKind.Link;
        }

        return attributes.HasFlag(FileAttributes.Directory) ? EntryKind.Directory : EntryKind.File;
    }

    public string CheckpointPath(long collectionId, int ordinal) =>
        Path.Combine(IndexDirectory, string.Create(CultureInfo.InvariantCulture, $"c{collectionId}-v{ordinal}{CheckpointExtension}"));

    public string LockPath(long collectionId) =>
        Path.Combine(LockDirectory, string.Create(CultureInfo.InvariantCulture, $"c{collectionId}.lock"));

    /// <summary>
    /// The collection id in a checkpoint or lock file name (<c>c{id}-v{ordinal}.cmfi</c>, <c>c{id}.lock</c>), which
    /// ends at <paramref name="afterId"/>; false for other names.
    /// </summary>
    public static bool TryParseCollectionId(string fileName, char afterId, out long id)
    {
        var end = fileName.IndexOf(afterId, StringComparison.Ordinal);
        id = 0;
        return fileName.StartsWith('c') && end > 1
            && long.TryParse(fileName.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>A fresh name in the quarantine for an entry called <paramref name="name"/>.</summary>
    public string QuarantinePath(string name) => Path.Combine(
        QuarantineDirectory, string.Create(CultureInfo.InvariantCulture, $"{name}.{DateTime.UtcNow:yyyyMMddHHmmssfff}.{Guid.NewGuid():N}"));

    /// <summary>Creates the store directory when missing (through a link the caller gave: that one is theirs).</summary>
    public void CreateRoot() => Directory.CreateDirectory(Root);

    /// <summary>Fails when a database file is a link, before SQLite could follow it.</summary>
    /// <exception cref="IOException">One of <see cref="DatabaseFiles"/> is a symbolic link.</exception>
    public void RefuseDatabaseLinks()
    {
        foreach (var path in DatabaseFiles.Where(p => KindOf(p) == EntryKind.Link))
        {
            throw new IOException(VectorStoreErrors.DatabaseFileIsLink(path));
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> (one of the store's directories) a real directory right before it is used: a
    /// link there is removed with a warning, then the directory is created when missing.
    /// </summary>
    /// <returns><paramref name="directory"/>.</returns>
    public string Prepare(string directory)
    {
        RemoveLink(directory);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Removes a link at <paramref name="path"/> (the link itself, never its target), with a warning.</summary>
    /// <returns>Whether there was a link.</returns>
    public bool RemoveLink(string path)
    {
        if (KindOf(path) != EntryKind.Link)
        {
            return false;
        }

        var target = new FileInfo(path).LinkTarget ?? "?";
        File.Delete(path);
        StoreLog.LinkRemoved(_logger, path, target);
        return true;
    }

    /// <summary>
    /// The entries of one of the store's directories whose names match <paramref name="pattern"/>, after making sure the
    /// directory is not a link; empty when the directory does not exist. Links among them are listed as they are: the
    /// caller judges each with <see cref="KindOf"/>.
    /// </summary>
    public IReadOnlyList<string> Entries(string directory, string pattern)
    {
        RemoveLink(directory);
        return Directory.Exists(directory) ? [.. Directory.EnumerateFileSystemEntries(directory, pattern)] : [];
    }

    /// <summary>
    /// Deletes <paramref name="path"/> and, when it is a real directory, everything in it, without ever following a
    /// link: a link is deleted as a link, a directory is emptied entry by entry before it is removed.
    /// </summary>
    public static void Delete(string path)
    {
        switch (KindOf(path))
        {
            case EntryKind.File or EntryKind.Link:
                File.Delete(path);
                break;
            case EntryKind.Directory:
                foreach (var entry in Directory.EnumerateFileSystemEntries(path))
                {
                    Delete(entry);
                }

                Directory.Delete(path, recursive: false);
                break;
            case EntryKind.Missing:
                break;
        }
    }
}
