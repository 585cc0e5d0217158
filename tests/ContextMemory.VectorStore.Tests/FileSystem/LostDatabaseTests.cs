using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.FileSystem;

/// <summary>
/// A store directory whose database is gone, emptied, replaced or foreign is never opened as if it were a new store:
/// the store refuses with an error that names the directory and what it found, and changes nothing, unless the
/// caller asks to start over. A directory that is not a store is not made one.
/// </summary>
public sealed class LostDatabaseTests : IDisposable
{
    private readonly FileSystemScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task A_missing_database_with_checkpoints_left_is_refused_and_nothing_is_changed()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        File.Delete(_scenario.Temp.DatabasePath);
        var before = StoreEntries();

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(_scenario.Temp.Directory));

        Assert.Equal(Failed(VectorStoreErrors.DatabaseMissing(_scenario.Temp.Directory, checkpoints: 1, quarantined: 0)), error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(before, StoreEntries());
    }

    [Fact]
    public async Task An_empty_database_with_checkpoints_and_quarantined_files_left_is_refused()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        File.WriteAllBytes(_scenario.Temp.DatabasePath, []);
        Directory.CreateDirectory(_scenario.Temp.QuarantineDirectory);
        await File.WriteAllTextAsync(Path.Combine(_scenario.Temp.QuarantineDirectory, "c1-v0.cmfi.20260101000000000.0"), "old");
        var before = StoreEntries();

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(_scenario.Temp.Directory));

        Assert.Equal(Failed(VectorStoreErrors.DatabaseEmpty(_scenario.Temp.Directory, checkpoints: 1, quarantined: 1)), error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(before, StoreEntries());
        Assert.Equal(0, new FileInfo(_scenario.Temp.DatabasePath).Length);
    }

    [Fact]
    public async Task Quarantined_files_alone_show_that_a_missing_database_existed()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        File.Delete(_scenario.Temp.DatabasePath);
        foreach (var checkpoint in Directory.GetFiles(_scenario.Temp.IndexDirectory))
        {
            File.Delete(checkpoint);
        }

        Directory.CreateDirectory(_scenario.Temp.QuarantineDirectory);
        await File.WriteAllTextAsync(Path.Combine(_scenario.Temp.QuarantineDirectory, "c1-v0.cmfi.20260101000000000.0"), "old");

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(_scenario.Temp.Directory));

        Assert.Equal(Failed(VectorStoreErrors.DatabaseMissing(_scenario.Temp.Directory, checkpoints: 0, quarantined: 1)), error.Message);
    }

    [Fact]
    public async Task Checkpoints_of_collections_the_catalog_does_not_have_are_refused()
    {
        await SeedTwoCollectionsOverAnOlderDatabaseAsync();
        var before = StoreEntries();

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(_scenario.Temp.Directory));

        Assert.Equal(Failed(VectorStoreErrors.CheckpointsOfUnknownCollections(_scenario.Temp.Directory, ["c2-v0.cmfi"])), error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(before, StoreEntries());
    }

    [Fact]
    public async Task Starting_over_removes_the_leftovers_of_a_lost_database_and_opens_an_empty_store()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        File.Delete(_scenario.Temp.DatabasePath);
        Directory.CreateDirectory(_scenario.Temp.QuarantineDirectory);
        await File.WriteAllTextAsync(Path.Combine(_scenario.Temp.QuarantineDirectory, "c1-v0.cmfi.20260101000000000.0"), "old");

        var store = _scenario.Temp.Open(_scenario.Temp.Directory, StartingOver());

        Assert.Empty(await store.ListCollectionNamesAsync().ToListAsync());
        Assert.Empty(Directory.GetFiles(_scenario.Temp.IndexDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_scenario.Temp.QuarantineDirectory));
        var warning = Assert.Single(_scenario.Logs.Warnings);
        Assert.Contains(_scenario.Temp.Directory, warning.Message, StringComparison.Ordinal);

        // A fresh store in every respect: a new collection works, and the next open (without the option) is quiet.
        await _scenario.SeedAsync(store);
        store.Dispose();
        await _scenario.AssertAllRecordsAsync(_scenario.Temp.Open(_scenario.Temp.Directory));
        Assert.Single(_scenario.Logs.Warnings);
    }

    [Fact]
    public async Task Starting_over_over_a_replaced_database_keeps_it_and_removes_only_the_checkpoints_it_does_not_know()
    {
        await SeedTwoCollectionsOverAnOlderDatabaseAsync();

        var store = _scenario.Temp.Open(_scenario.Temp.Directory, StartingOver());

        Assert.Equal([FileSystemScenario.CollectionName], await store.ListCollectionNamesAsync().ToListAsync());
        await _scenario.AssertAllRecordsAsync(store);
        Assert.False(File.Exists(Path.Combine(_scenario.Temp.IndexDirectory, "c2-v0.cmfi")));
        Assert.Contains(_scenario.Logs.Warnings, w => w.Message.Contains("c2-v0.cmfi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_over_is_honoured_for_a_store_registered_in_a_service_container()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        File.Delete(_scenario.Temp.DatabasePath);
        var services = new ServiceCollection();
        services.AddFaissVectorStore(_scenario.Temp.Directory, StartingOver());

        using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<FaissVectorStore>();
            Assert.Empty(await store.ListCollectionNamesAsync().ToListAsync());
        }

        Assert.Empty(Directory.GetFiles(_scenario.Temp.IndexDirectory));
    }

    [Fact]
    public void An_empty_database_file_without_any_other_store_file_opens_as_a_new_store()
    {
        // What a process killed while creating a store leaves behind.
        var directory = _scenario.Temp.NewDirectory();
        File.WriteAllBytes(Path.Combine(directory, "store.db"), []);

        var store = _scenario.Temp.Open(directory);

        Assert.Empty(store.ListCollectionNamesAsync().ToBlockingEnumerable());
        Assert.Empty(_scenario.Logs.Warnings);
    }

    [Fact]
    public void A_directory_of_unrelated_files_is_refused_and_left_as_it_was()
    {
        var directory = _scenario.Temp.NewDirectory();
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(directory, "quarantine"));
        File.WriteAllText(Path.Combine(directory, "quarantine", "keep.txt"), "mine too");

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(directory));

        Assert.Equal(Failed(VectorStoreErrors.NotAStoreDirectory(directory, ["notes.txt", "quarantine/keep.txt"])), error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(["notes.txt", "quarantine", "quarantine/keep.txt"], Entries(directory));
    }

    [Fact]
    public void A_database_of_another_program_is_refused_and_left_untouched()
    {
        var directory = _scenario.Temp.NewDirectory();
        var path = Path.Combine(directory, "store.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts (owner) VALUES ('someone');";
            command.ExecuteNonQuery();
        }

        var bytes = File.ReadAllBytes(path);

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(directory));

        Assert.Equal(Failed(VectorStoreErrors.NotAStoreDatabase(path)), error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(["store.db"], Entries(directory));
    }

    [Fact]
    public async Task A_database_file_that_is_not_SQLite_is_refused_and_left_untouched_even_when_starting_over()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        await File.WriteAllTextAsync(_scenario.Temp.DatabasePath, "this is not a database");
        var before = StoreEntries();

        foreach (var options in new[] { _scenario.Temp.Options, StartingOver() })
        {
            var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(_scenario.Temp.Directory, options));

            Assert.Equal(Failed(VectorStoreErrors.NotSqliteDatabase(_scenario.Temp.DatabasePath)), error.Message);
            Assert.IsType<InvalidDataException>(error.InnerException);
            Assert.Equal(before, StoreEntries());
            Assert.Equal("this is not a database", await File.ReadAllTextAsync(_scenario.Temp.DatabasePath));
        }
    }

    private static string Failed(string detail) => VectorStoreErrors.StorageFailed("Open", null, detail);

    private static List<string> Entries(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private FaissVectorStoreOptions StartingOver() => new()
    {
        Index = _scenario.Temp.Options.Index,
        LoggerFactory = _scenario.Logs,
        Durability = _scenario.Temp.Options.Durability,
        StartOverWhenDatabaseIsLost = true,
    };

    /// <summary>Entries of the store directory with the size of each file: what a refused open must leave as it was.</summary>
    private List<string> StoreEntries() =>
        [.. Entries(_scenario.Temp.Directory).Select(e => File.Exists(_scenario.Path(e)) ? $"{e} {new FileInfo(_scenario.Path(e)).Length}" : e)];

    /// <summary>
    /// Two checkpointed collections (ids 1 and 2) whose database is then replaced by that of a store that only ever had
    /// the first: the second collection's checkpoint names a collection the catalog never had.
    /// </summary>
    private async Task SeedTwoCollectionsOverAnOlderDatabaseAsync()
    {
        await _scenario.SeedAsync();
        var older = _scenario.Temp.NewDirectory();
        _scenario.Temp.Close();
        foreach (var file in Directory.GetFiles(_scenario.Temp.Directory))
        {
            File.Copy(file, Path.Combine(older, Path.GetFileName(file)));
        }

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        var second = store.GetCollection<long, FileSystemScenario.Note>("second", new FaissCollectionOptions());
        await second.EnsureCollectionExistsAsync();
        await second.UpsertAsync(Enumerable.Range(1, 10).Select(FileSystemScenario.Note.Create));
        await second.CheckpointAsync();
        store.Dispose();
        foreach (var file in Directory.GetFiles(_scenario.Temp.Directory))
        {
            File.Delete(file);
        }

        foreach (var file in Directory.GetFiles(older))
        {
            File.Copy(file, Path.Combine(_scenario.Temp.Directory, Path.GetFileName(file)));
        }
    }
}
