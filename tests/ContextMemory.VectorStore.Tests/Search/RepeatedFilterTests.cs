using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// The same filter searched again after the data changed: the vids a filter matched are reused only while the database
/// is unchanged, so a write here, through another store object on the same directory, or of a plain data column (the
/// vector and its vid staying the same) shows in the very next search.
/// </summary>
public sealed class RepeatedFilterTests : IDisposable
{
    private const int Dimensions = 8;
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task A_repeated_filter_sees_every_write_made_between_the_searches(string indexKind)
    {
        var collection = await CreateAsync(_temp.Store, indexKind);
        var query = Vector(0);
        Assert.Equal([1L, 3L], await BucketSearchAsync(collection, query, bucket: 7));
        Assert.Equal([1L, 3L], await BucketSearchAsync(collection, query, bucket: 7));

        // Same vector (same vid), only the filtered column changes.
        await collection.UpsertAsync(Record(2, bucket: 7));
        Assert.Equal([1L, 2L, 3L], await BucketSearchAsync(collection, query, bucket: 7));

        await collection.DeleteAsync(1L);
        Assert.Equal([2L, 3L], await BucketSearchAsync(collection, query, bucket: 7));

        // A different value of the same filter is a different filter.
        Assert.Equal([4L, 5L, 6L], await BucketSearchAsync(collection, query, bucket: 9));
    }

    [Fact]
    public async Task A_repeated_filter_sees_a_write_made_through_another_store_object()
    {
        var collection = await CreateAsync(_temp.Store, IndexKind.Flat);
        var query = Vector(0);
        Assert.Equal([1L, 3L], await BucketSearchAsync(collection, query, bucket: 7));

        var other = _temp.Open(_temp.Directory).GetCollection<long, BucketRecord>("repeated", Definition(IndexKind.Flat));
        await other.UpsertAsync(Record(4, bucket: 7));

        Assert.Equal([1L, 3L, 4L], await BucketSearchAsync(collection, query, bucket: 7));
    }

    private static async Task<VectorStoreCollection<long, BucketRecord>> CreateAsync(FaissVectorStore store, string indexKind)
    {
        var collection = store.GetCollection<long, BucketRecord>("repeated", Definition(indexKind));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Record(1, 7), Record(2, 8), Record(3, 7), Record(4, 9), Record(5, 9), Record(6, 9)]);
        return collection;
    }

    /// <summary>The keys of every record in the bucket, in key order (top covers them all).</summary>
    private static async Task<List<long>> BucketSearchAsync(VectorStoreCollection<long, BucketRecord> collection, ReadOnlyMemory<float> query, int bucket)
    {
        var results = await collection.SearchAsync(query, 10, new VectorSearchOptions<BucketRecord> { Filter = r => r.Bucket == bucket }).ToListAsync();
        return [.. results.Select(r => r.Record.Id).Order()];
    }

    private static VectorStoreCollectionDefinition Definition(string indexKind) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(BucketRecord.Id), typeof(long)),
            new VectorStoreDataProperty(nameof(BucketRecord.Bucket), typeof(int)) { IsIndexed = true },
            new VectorStoreVectorProperty(nameof(BucketRecord.Vector), typeof(ReadOnlyMemory<float>), Dimensions) { IndexKind = indexKind },
        ],
    };

    private static BucketRecord Record(long id, int bucket) => new() { Id = id, Bucket = bucket, Vector = Vector((int)id) };

    private static float[] Vector(int seed) => TestVectors.Uniform(new Random(seed), Dimensions);
}
