using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.FileSystem;

/// <summary>
/// A store directory with one checkpointed collection, and a directory outside it full of canary files that a test
/// points links at: whatever the store does, the canaries must stay exactly as they were and nothing may be added.
/// </summary>
public sealed class FileSystemScenario : IDisposable
{
    public const string CollectionName = "notes";
    public const int Dimensions = 8;
    public const int RecordCount = 60;

    private static readonly (string Path, string Content)[] Canaries =
    [
        ("canary.txt", "outside the store"),
        ("c1-v0.cmfi", "a file named like a checkpoint"),
        ("c1.lock", "a file named like a lock"),
        ("nested/deep.txt", "two levels down"),
        ("nested/deeper/deepest.txt", "three levels down"),
    ];

    public FileSystemScenario()
    {
        Temp = new TempStore(TestOptions.Store(loggerFactory: Logs));
        Outside = Temp.NewDirectory();
        foreach (var (path, content) in Canaries)
        {
            var full = System.IO.Path.Combine(Outside, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
    }

    public CapturingLoggerFactory Logs { get; } = new();

    public TempStore Temp { get; }

    /// <summary>A directory outside the store holding the canary files.</summary>
    public string Outside { get; }

    /// <summary>The path of a file or directory inside the store directory.</summary>
    public string Path(string relative) => System.IO.Path.Combine(Temp.Directory, relative);

    /// <summary>The canary file at <paramref name="relative"/> inside <see cref="Outside"/>.</summary>
    public string Canary(string relative) => System.IO.Path.Combine(Outside, relative);

    public FaissCollection<long, Note> Collection(FaissVectorStore store) =>
        store.GetCollection<long, Note>(CollectionName, new FaissCollectionOptions());

    /// <summary>Creates the collection, inserts <see cref="RecordCount"/> records and checkpoints (which creates the lock file).</summary>
    public Task SeedAsync() => SeedAsync(Temp.Store);

    /// <summary>Creates the collection in <paramref name="store"/>, inserts <see cref="RecordCount"/> records and checkpoints.</summary>
    public async Task SeedAsync(FaissVectorStore store)
    {
        var collection = Collection(store);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(1, RecordCount).Select(Note.Create));
        await collection.CheckpointAsync();
    }

    /// <summary>Every record is there and the nearest neighbour of each record's own vector is that record.</summary>
    public async Task AssertAllRecordsAsync(FaissVectorStore store)
    {
        var collection = Collection(store);
        Assert.Equal(RecordCount, await collection.GetAsync(r => true, RecordCount + 10).CountAsync());
        foreach (var key in new long[] { 1, RecordCount / 2, RecordCount })
        {
            var hit = await collection.SearchAsync(Note.Create((int)key).Vector!, 1).SingleAsync();
            Assert.Equal(key, hit.Record.Id);
        }
    }

    /// <summary>Every file and directory in <see cref="Outside"/>, relative to it, in order.</summary>
    public List<string> OutsideEntries() =>
        [.. Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Outside, p).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>Every canary file is where it was with its content, and nothing else appeared outside.</summary>
    public void AssertCanariesIntact()
    {
        var expected = Canaries.Select(c => c.Path).Concat(["nested", "nested/deeper"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, OutsideEntries());
        foreach (var (path, content) in Canaries)
        {
            Assert.Equal(content, File.ReadAllText(Canary(path)));
        }
    }

    /// <summary>Replaces whatever is at <paramref name="relative"/> inside the store by a symbolic link to <paramref name="target"/>.</summary>
    public string Link(string relative, string target)
    {
        var path = Path(relative);
        Remove(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (Directory.Exists(target))
        {
            Directory.CreateSymbolicLink(path, target);
        }
        else
        {
            File.CreateSymbolicLink(path, target);
        }

        return path;
    }

    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    public void Dispose() => Temp.Dispose();

    private static void Remove(string path)
    {
        if (IsLink(path) || File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public sealed class Note
    {
        [VectorStoreKey(IsAutoGenerated = false)]
        public long Id { get; set; }

        [VectorStoreData]
        public string Text { get; set; } = string.Empty;

        [VectorStoreVector(Dimensions)]
        public float[]? Vector { get; set; }

        public static Note Create(int key) => new() { Id = key, Text = $"note {key}", Vector = TestVectors.Uniform(new Random(key), Dimensions) };
    }
}
