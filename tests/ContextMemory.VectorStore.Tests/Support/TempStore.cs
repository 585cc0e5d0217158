namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// A <see cref="FaissVectorStore"/> in a fresh directory under the system temp directory, plus any copies of that
/// directory a test makes; every store it opened is disposed and every directory deleted with it.
/// </summary>
public sealed class TempStore : IDisposable
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "cm-vectorstore-tests");
    private readonly List<string> _directories = [];
    private readonly List<FaissVectorStore> _stores = [];

    public TempStore(FaissVectorStoreOptions? options = null)
    {
        Options = options ?? TestOptions.Store();
        Directory = NewDirectory();
        Store = Open(Directory);
    }

    /// <summary>The store directory.</summary>
    public string Directory { get; }

    /// <summary>The options every store opened here gets unless a test passes others.</summary>
    public FaissVectorStoreOptions Options { get; }

    /// <summary>The store currently open on <see cref="Directory"/>.</summary>
    public FaissVectorStore Store { get; private set; }

    /// <summary>The database file of the store directory.</summary>
    public string DatabasePath => Path.Combine(Directory, "store.db");

    /// <summary>The directory holding index checkpoints.</summary>
    public string IndexDirectory => Path.Combine(Directory, "indexes");

    /// <summary>The directory damaged checkpoints are moved to.</summary>
    public string QuarantineDirectory => Path.Combine(Directory, "quarantine");

    /// <summary>A new empty directory that is deleted with this object.</summary>
    public string NewDirectory()
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        lock (_directories)
        {
            _directories.Add(path);
        }

        return path;
    }

    /// <summary>Opens another store object on <paramref name="directory"/>; disposed with this object.</summary>
    public FaissVectorStore Open(string directory, FaissVectorStoreOptions? options = null)
    {
        var store = new FaissVectorStore(directory, options ?? Options);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    /// <summary>Disposes the current store (which checkpoints its indexes) and opens the directory again.</summary>
    public FaissVectorStore Reopen(FaissVectorStoreOptions? options = null)
    {
        Store.Dispose();
        Store = Open(Directory, options);
        return Store;
    }

    /// <summary>Disposes the current store without opening it again (the directory stays).</summary>
    public void Close() => Store.Dispose();

    /// <summary>
    /// Copies the store directory, byte for byte, while the store is open: the database, its write-ahead log and
    /// shared-memory files, and the index checkpoints exactly as a process killed at this instant would leave them.
    /// The copy is not atomic, so the caller makes sure nothing writes meanwhile (no operation in flight, background
    /// maintenance awaited): otherwise a WAL checkpoint or a checkpoint rename between two file copies tears the image.
    /// </summary>
    /// <returns>The directory of the copy.</returns>
    public string CopyAsCrashImage()
    {
        var target = NewDirectory();
        CopyDirectory(Directory, target);
        return target;
    }

    public void Dispose()
    {
        lock (_stores)
        {
            foreach (var store in _stores)
            {
                store.Dispose();
            }

            _stores.Clear();
        }

        lock (_directories)
        {
            foreach (var directory in _directories)
            {
                if (System.IO.Directory.Exists(directory))
                {
                    System.IO.Directory.Delete(directory, recursive: true);
                }
            }

            _directories.Clear();
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
