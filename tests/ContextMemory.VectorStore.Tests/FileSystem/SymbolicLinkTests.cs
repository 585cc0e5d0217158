using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.FileSystem;

/// <summary>
/// Symbolic links planted inside a store directory never lead the store outside it: it neither reads, writes nor
/// deletes through them. A link where the store keeps a directory or an index file is removed (the link, never its
/// target) and the store carries on; a link where SQLite keeps the database is refused, because SQLite would follow it.
/// </summary>
public sealed class SymbolicLinkTests : IDisposable
{
    private readonly FileSystemScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task Compaction_with_the_quarantine_linked_outside_deletes_nothing_outside()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        var link = _scenario.Link("quarantine", _scenario.Outside);

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        await store.CompactAsync();

        _scenario.AssertCanariesIntact();
        Assert.False(FileSystemScenario.IsLink(link));
        await _scenario.AssertAllRecordsAsync(store);
    }

    [Fact]
    public async Task A_damaged_checkpoint_is_quarantined_inside_the_store_when_the_quarantine_is_linked_outside()
    {
        await _scenario.SeedAsync();
        var checkpoint = await StoreInternals.CheckpointPathAsync(_scenario.Temp.Store, FileSystemScenario.CollectionName);
        _scenario.Temp.Close();
        await File.WriteAllTextAsync(checkpoint, "not a checkpoint");
        var quarantine = _scenario.Link("quarantine", _scenario.Outside);

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        await _scenario.AssertAllRecordsAsync(store);

        _scenario.AssertCanariesIntact();
        Assert.False(FileSystemScenario.IsLink(quarantine));
        var moved = Assert.Single(Directory.GetFiles(quarantine));
        Assert.Equal("not a checkpoint", await File.ReadAllTextAsync(moved));

        await store.CompactAsync();
        _scenario.AssertCanariesIntact();
        Assert.Empty(Directory.EnumerateFileSystemEntries(quarantine));
    }

    [Theory]
    [InlineData("a valid checkpoint")]
    [InlineData("garbage")]
    public async Task A_checkpoint_that_is_a_link_to_an_outside_file_is_replaced_and_its_target_kept(string content)
    {
        await _scenario.SeedAsync();
        var checkpoint = await StoreInternals.CheckpointPathAsync(_scenario.Temp.Store, FileSystemScenario.CollectionName);
        _scenario.Temp.Close();
        var target = _scenario.Canary("checkpoint-target.cmfi");
        if (content == "garbage")
        {
            await File.WriteAllTextAsync(target, "garbage");
        }
        else
        {
            File.Copy(checkpoint, target);
        }

        var bytes = await File.ReadAllBytesAsync(target);
        _scenario.Link(Path.GetRelativePath(_scenario.Temp.Directory, checkpoint), target);

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        await _scenario.AssertAllRecordsAsync(store);
        Assert.False(FileSystemScenario.IsLink(checkpoint));
        var warning = Assert.Single(_scenario.Logs.Warnings);
        Assert.Contains(Path.GetFileName(checkpoint), warning.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", warning.Message, StringComparison.Ordinal);

        await _scenario.Collection(store).UpsertAsync(FileSystemScenario.Note.Create(1));
        await store.CheckpointAsync();
        await store.CompactAsync();
        await _scenario.Collection(store).EnsureCollectionDeletedAsync();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task A_lock_file_that_is_a_dangling_link_creates_nothing_at_its_target()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        var target = _scenario.Canary("created-through-the-lock");
        var lockFile = _scenario.Link("locks/c1.lock", target);

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        await _scenario.Collection(store).UpsertAsync(FileSystemScenario.Note.Create(2));
        await store.CheckpointAsync();
        await store.CompactAsync();

        Assert.False(Path.Exists(target));
        Assert.False(FileSystemScenario.IsLink(lockFile));
        Assert.True(File.Exists(lockFile));
        _scenario.AssertCanariesIntact();
    }

    [Fact]
    public async Task A_lock_file_that_links_to_an_outside_file_is_replaced_by_a_lock_file_of_the_store()
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        var lockFile = _scenario.Link("locks/c1.lock", _scenario.Canary("c1.lock"));

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        await _scenario.Collection(store).UpsertAsync(FileSystemScenario.Note.Create(2));
        await store.CheckpointAsync();

        Assert.False(FileSystemScenario.IsLink(lockFile));
        _scenario.AssertCanariesIntact();
        await _scenario.AssertAllRecordsAsync(store);
    }

    [Theory]
    [InlineData("indexes")]
    [InlineData("locks")]
    public async Task A_store_directory_that_is_a_link_is_replaced_by_a_real_directory(string name)
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        var link = _scenario.Link(name, _scenario.Outside);

        var store = _scenario.Temp.Open(_scenario.Temp.Directory);
        await _scenario.Collection(store).UpsertAsync(FileSystemScenario.Note.Create(3));
        await store.CheckpointAsync();
        await store.CompactAsync();
        await _scenario.AssertAllRecordsAsync(store);

        Assert.False(FileSystemScenario.IsLink(link));
        Assert.True(Directory.Exists(link));
        _scenario.AssertCanariesIntact();
        Assert.Contains(_scenario.Logs.Warnings, w => w.Message.Contains(link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compaction_deletes_links_inside_the_quarantine_without_following_them()
    {
        await _scenario.SeedAsync();
        var quarantine = _scenario.Path("quarantine");
        Directory.CreateDirectory(Path.Combine(quarantine, "damaged-directory", "inside"));
        await File.WriteAllTextAsync(Path.Combine(quarantine, "damaged-file"), "damaged");
        _scenario.Link("quarantine/to-directory", _scenario.Outside);
        _scenario.Link("quarantine/to-file", _scenario.Canary("canary.txt"));
        _scenario.Link("quarantine/dangling", _scenario.Canary("missing"));
        _scenario.Link("quarantine/damaged-directory/to-directory", _scenario.Outside);
        _scenario.Link("quarantine/damaged-directory/inside/to-nested", _scenario.Canary("nested"));

        await _scenario.Temp.Store.CompactAsync();

        _scenario.AssertCanariesIntact();
        Assert.Empty(Directory.EnumerateFileSystemEntries(quarantine));
        await _scenario.AssertAllRecordsAsync(_scenario.Temp.Store);
    }

    [Fact]
    public async Task A_store_directory_given_as_a_link_is_used_and_nothing_inside_becomes_a_link()
    {
        var real = _scenario.Temp.NewDirectory();
        var parent = _scenario.Temp.NewDirectory();
        var linked = Path.Combine(parent, "store");
        Directory.CreateSymbolicLink(linked, real);

        using (var store = new FaissVectorStore(linked, _scenario.Temp.Options))
        {
            Assert.Equal(linked, store.Directory);
            var collection = _scenario.Collection(store);
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(Enumerable.Range(1, FileSystemScenario.RecordCount).Select(FileSystemScenario.Note.Create));
            await store.CheckpointAsync();
        }

        using (var store = new FaissVectorStore(linked, _scenario.Temp.Options))
        {
            await _scenario.AssertAllRecordsAsync(store);
            await store.CompactAsync();
        }

        Assert.True(File.Exists(Path.Combine(real, "store.db")));
        Assert.Single(Directory.GetFiles(Path.Combine(real, "indexes"), "*.cmfi"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(real, "*", SearchOption.AllDirectories), FileSystemScenario.IsLink);
        Assert.Empty(_scenario.Logs.Warnings);
    }

    [Theory]
    [InlineData("store.db")]
    [InlineData("store.db-wal")]
    [InlineData("store.db-shm")]
    [InlineData("store.db-journal")]
    public async Task A_database_file_that_is_a_link_is_refused_and_its_target_left_alone(string name)
    {
        await _scenario.SeedAsync();
        _scenario.Temp.Close();
        var path = _scenario.Path(name);
        var target = _scenario.Canary(name);
        if (File.Exists(path))
        {
            File.Move(path, target);
        }
        else
        {
            await File.WriteAllTextAsync(target, "not SQLite's");
        }

        var bytes = await File.ReadAllBytesAsync(target);
        _scenario.Link(name, target);
        var outside = _scenario.OutsideEntries();

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(_scenario.Temp.Directory));

        Assert.Equal(VectorStoreErrors.StorageFailed("Open", null, VectorStoreErrors.DatabaseFileIsLink(path)), error.Message);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
        Assert.True(FileSystemScenario.IsLink(path));
        Assert.Equal(outside, _scenario.OutsideEntries());
    }

    [Fact]
    public void A_database_file_that_is_a_dangling_link_is_refused_and_nothing_is_created_at_its_target()
    {
        var directory = _scenario.Temp.NewDirectory();
        var path = Path.Combine(directory, "store.db");
        var target = _scenario.Canary("new.db");
        File.CreateSymbolicLink(path, target);

        var error = Assert.Throws<VectorStoreException>(() => _scenario.Temp.Open(directory));

        Assert.Equal(VectorStoreErrors.StorageFailed("Open", null, VectorStoreErrors.DatabaseFileIsLink(path)), error.Message);
        Assert.False(Path.Exists(target));
        _scenario.AssertCanariesIntact();
    }
}
