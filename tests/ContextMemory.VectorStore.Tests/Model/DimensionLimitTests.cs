using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Search;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Model;

/// <summary>
/// Vector dimensions beyond <see cref="FaissVectorStore.MaxDimensions"/> are refused with <see cref="NotSupportedException"/>
/// when the collection object is made, before anything is allocated or written, and the store goes on working; at the
/// limit, a collection is written, indexed, checkpointed, reopened and searched.
/// </summary>
public sealed class DimensionLimitTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1 << 30)]
    [InlineData(524_288)]
    [InlineData(FaissVectorStore.MaxDimensions + 1)]
    public async Task Dimensions_above_the_limit_are_refused_before_anything_is_written(int dimensions)
    {
        var typed = Assert.Throws<NotSupportedException>(() => _temp.Store.GetCollection<long, ClusterRecord>("huge", ClusterCollections.Definition(dimensions, IndexKind.Flat)));
        var dynamic = Assert.Throws<NotSupportedException>(() => _temp.Store.GetDynamicCollection("huge", new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreKeyProperty("Id", typeof(long)), new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), dimensions)],
        }));

        Assert.Equal(VectorStoreErrors.TooManyDimensions(nameof(ClusterRecord.Vector), dimensions, FaissVectorStore.MaxDimensions), typed.Message);
        Assert.Equal(typed.Message, dynamic.Message);
        Assert.False(await _temp.Store.CollectionExistsAsync("huge"));
        await _temp.Store.CheckpointAsync();
        await _temp.Store.CompactAsync();
    }

    [Fact]
    public async Task A_collection_at_the_limit_is_written_checkpointed_reopened_and_searched()
    {
        const int Dimensions = FaissVectorStore.MaxDimensions;
        var random = new Random(5);
        var records = Enumerable.Range(1, 3).Select(i => new ClusterRecord { Id = i, Vector = TestVectors.Uniform(random, Dimensions) }).ToList();
        var collection = _temp.Store.GetCollection<long, ClusterRecord>("wide", ClusterCollections.Definition(Dimensions, IndexKind.Flat));
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(records);
        await _temp.Store.CheckpointAsync();
        await _temp.Store.CompactAsync();

        var reopened = _temp.Reopen().GetCollection<long, ClusterRecord>("wide", ClusterCollections.Definition(Dimensions, IndexKind.Flat));
        var nearest = await reopened.SearchAsync(records[1].Vector, 1).SingleAsync();

        Assert.Equal(2, nearest.Record.Id);
    }
}
