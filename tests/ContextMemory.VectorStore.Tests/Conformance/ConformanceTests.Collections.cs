using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <content>Collection lifecycle, missing collections, and metadata.</content>
public abstract partial class ConformanceTests<TKey, TRecord>
{
    [Fact]
    public async Task Collection_is_created_listed_and_deleted_at_collection_and_store_level()
    {
        var collection = CollectionObject("lifecycle");
        var other = CollectionObject("other");

        Assert.False(await collection.CollectionExistsAsync());
        Assert.False(await Store.CollectionExistsAsync("lifecycle"));
        Assert.DoesNotContain("lifecycle", await ListAsync(Store.ListCollectionNamesAsync()));

        await collection.EnsureCollectionExistsAsync();
        await other.EnsureCollectionExistsAsync();

        Assert.True(await collection.CollectionExistsAsync());
        Assert.True(await Store.CollectionExistsAsync("lifecycle"));
        Assert.Equal(["lifecycle", "other"], (await ListAsync(Store.ListCollectionNamesAsync())).Order());

        await collection.EnsureCollectionDeletedAsync();

        Assert.False(await collection.CollectionExistsAsync());
        Assert.Equal(["other"], await ListAsync(Store.ListCollectionNamesAsync()));
        await collection.EnsureCollectionDeletedAsync();
        await Store.EnsureCollectionDeletedAsync("lifecycle");
        await Store.EnsureCollectionDeletedAsync("never-created");

        await Store.EnsureCollectionDeletedAsync("other");

        Assert.False(await other.CollectionExistsAsync());
        Assert.Empty(await ListAsync(Store.ListCollectionNamesAsync()));
    }

    [Fact]
    public async Task EnsureCollectionExists_on_an_existing_collection_keeps_its_records()
    {
        var collection = await SeededAsync();

        await collection.EnsureCollectionExistsAsync();
        await CollectionObject().EnsureCollectionExistsAsync();

        await AssertContentsAsync(collection);
        var query = NewVector();
        AssertRanking(await SearchAsync(collection, query, 5), OracleRanking(query), 5);
    }

    [Fact]
    public async Task A_collection_recreated_after_deletion_is_empty()
    {
        var collection = await SeededAsync();

        await collection.EnsureCollectionDeletedAsync();
        await collection.EnsureCollectionExistsAsync();

        Assert.Empty(await AllRecordsAsync(collection));
        Assert.Null(await collection.GetAsync(Shape.Key(0)));
        Assert.Empty(await SearchAsync(collection, SampleAt(0).Embedding, 5));
        var sample = ExtraSample(0);
        await collection.UpsertAsync(Shape.Create(Shape.Key(0), sample, twoVectors: false));
        var results = await SearchAsync(collection, SampleAt(0).Embedding, 5);
        Assert.Equal(Shape.Key(0), Shape.KeyOf(Assert.Single(results).Record));
        Assert.Equal(RecordData.Of(sample), Shape.DataOf(results[0].Record));
    }

    [Fact]
    public async Task Collection_objects_of_the_same_name_see_each_others_writes()
    {
        var first = await SeededAsync();
        var second = CollectionObject();
        var key = Shape.Key(SeedCount + 5);

        await second.UpsertAsync(Shape.Create(key, ExtraSample(5), twoVectors: false));
        await second.DeleteAsync(Shape.Key(0));

        Assert.NotNull(await first.GetAsync(key));
        Assert.Null(await first.GetAsync(Shape.Key(0)));
        Assert.Equal(key, Shape.KeyOf((await SearchAsync(first, ExtraSample(5).Embedding, 1))[0].Record));
    }

    [Theory]
    [MemberData(nameof(ConformanceData.RecordOperations), MemberType = typeof(ConformanceData))]
    public async Task Operations_on_a_missing_collection_throw_VectorStoreException_naming_collection_and_operation(string operation)
    {
        var collection = CollectionObject("missing");
        var faiss = (FaissCollection<TKey, TRecord>)collection;
        var record = Shape.Create(Shape.Key(0), SampleAt(0), twoVectors: false);
        Func<Task> act = operation switch
        {
            "Get" => () => collection.GetAsync(Shape.Key(0)),
            "GetBatch" => () => ListAsync(collection.GetAsync([Shape.Key(0), Shape.Key(1)])),
            "GetFiltered" => () => ListAsync(collection.GetAsync(Shape.CategoryIs("alpha"), 5)),
            "Upsert" => () => collection.UpsertAsync(record),
            "UpsertBatch" => () => collection.UpsertAsync([record]),
            "Delete" => () => collection.DeleteAsync(Shape.Key(0)),
            "DeleteBatch" => () => collection.DeleteAsync([Shape.Key(0), Shape.Key(1)]),
            "DeleteFiltered" => () => faiss.DeleteAsync(Shape.CategoryIs("alpha")),
            "Search" => () => SearchAsync(collection, SampleAt(0).Embedding, 3),
            _ => () => ListAsync(faiss.HybridSearchAsync(SampleAt(0).Embedding, ["record"], 3)),
        };

        var exception = await Assert.ThrowsAsync<VectorStoreException>(act);

        Assert.Equal("missing", exception.CollectionName);
        Assert.Equal("faiss", exception.VectorStoreSystemName);
        Assert.Equal(Store.Directory, exception.VectorStoreName);
        var expectedOperation = operation.Replace("Batch", "", StringComparison.Ordinal).Replace("Filtered", "", StringComparison.Ordinal);
        Assert.StartsWith(expectedOperation, exception.OperationName, StringComparison.Ordinal);
        Assert.False(await collection.CollectionExistsAsync());
    }

    [Fact]
    public async Task Operations_on_a_collection_deleted_through_another_object_throw_VectorStoreException()
    {
        var collection = await SeededAsync();

        await Store.EnsureCollectionDeletedAsync("conformance");

        var exception = await Assert.ThrowsAsync<VectorStoreException>(() => SearchAsync(collection, SampleAt(0).Embedding, 3));
        Assert.Equal("conformance", exception.CollectionName);
        await Assert.ThrowsAsync<VectorStoreException>(() => collection.GetAsync(Shape.Key(0)));
        await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(Shape.Create(Shape.Key(0), SampleAt(0), twoVectors: false)));
    }

    [Fact]
    public async Task Operations_after_the_store_is_disposed_throw_ObjectDisposedException()
    {
        var collection = await SeededAsync();

        Store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => collection.GetAsync(Shape.Key(0)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => SearchAsync(collection, SampleAt(0).Embedding, 3));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => collection.UpsertAsync(Shape.Create(Shape.Key(0), SampleAt(0), twoVectors: false)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => collection.CollectionExistsAsync());
    }

    [Fact]
    public void GetService_returns_store_and_collection_metadata_named_faiss()
    {
        var collection = CollectionObject("described");

        var collectionMetadata = Assert.IsType<VectorStoreCollectionMetadata>(collection.GetService(typeof(VectorStoreCollectionMetadata)));
        var storeMetadata = Assert.IsType<VectorStoreMetadata>(Store.GetService(typeof(VectorStoreMetadata)));

        Assert.Equal("faiss", collectionMetadata.VectorStoreSystemName);
        Assert.Equal("described", collectionMetadata.CollectionName);
        Assert.Equal(Store.Directory, collectionMetadata.VectorStoreName);
        Assert.Equal("faiss", storeMetadata.VectorStoreSystemName);
        Assert.Equal(Store.Directory, storeMetadata.VectorStoreName);
        Assert.Same(collection, collection.GetService(collection.GetType()));
        Assert.Same(collection, collection.GetService(typeof(IVectorSearchable<TRecord>)));
        Assert.Same(Store, collection.GetService(typeof(FaissVectorStore)));
        Assert.Same(Store, Store.GetService(typeof(Microsoft.Extensions.VectorData.VectorStore)));
        Assert.Null(collection.GetService(typeof(string)));
        Assert.Null(collection.GetService(typeof(VectorStoreCollectionMetadata), serviceKey: "other"));
        Assert.Null(Store.GetService(typeof(VectorStoreMetadata), serviceKey: "other"));
    }
}
