using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;

namespace ContextMemory.VectorData.Tests;

public class VectorStoreCollectionBaseTests
{
    private static readonly Note First = new() { Id = Guid.NewGuid(), Category = "a" };
    private static readonly Note Second = new() { Id = Guid.NewGuid(), Category = "b" };

    [Fact]
    public async Task Batch_get_calls_the_single_get_per_key_and_skips_missing_records()
    {
        using var collection = new SingleOperationNotes(First, Second);
        var missing = Guid.NewGuid();

        var found = await collection.GetAsync([Second.Id, missing, First.Id]).ToListAsync();

        Assert.Equal([Second, First], found);
        Assert.Equal([Second.Id, missing, First.Id], collection.SingleGets);
    }

    [Fact]
    public async Task Batch_delete_calls_the_single_delete_per_key_and_ignores_missing_keys()
    {
        using var collection = new SingleOperationNotes(First, Second);
        var missing = Guid.NewGuid();

        await collection.DeleteAsync([missing, First.Id]);

        Assert.Equal([missing, First.Id], collection.SingleDeletes);
        Assert.Null(await collection.GetAsync(First.Id));
        Assert.Same(Second, await collection.GetAsync(Second.Id));
    }

    [Fact]
    public async Task Batch_overloads_reject_null_keys()
    {
        using var collection = new SingleOperationNotes();

        await Assert.ThrowsAsync<ArgumentNullException>(() => collection.DeleteAsync((IEnumerable<Guid>)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await collection.GetAsync((IEnumerable<Guid>)null!).ToListAsync());
    }

    [Fact]
    public async Task Batch_get_passes_the_cancellation_token_through()
    {
        using var collection = new SingleOperationNotes(First);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(async () => await collection.GetAsync([First.Id], cancellationToken: cancelled.Token).ToListAsync());
    }

    [Fact]
    public void Dispose_reaches_the_provider_hook_and_the_collection_is_searchable_through_its_interface()
    {
        var collection = new SingleOperationNotes();
        IVectorSearchable<Note> searchable = collection;

        var metadata = (VectorStoreCollectionMetadata?)searchable.GetService(typeof(VectorStoreCollectionMetadata));
        collection.Dispose();

        Assert.Equal("counting", metadata?.CollectionName);
        Assert.True(collection.Disposed);
    }
}
