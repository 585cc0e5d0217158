using ContextMemory.Faiss;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>Loads a <see cref="ClusteredData"/> set into a collection of <see cref="ClusterRecord"/> and computes its oracle.</summary>
public static class ClusterCollections
{
    public static VectorStoreCollectionDefinition Definition(int dimensions, string indexKind, string distanceFunction = DistanceFunction.CosineSimilarity) => new()
    {
        Properties = [new VectorStoreVectorProperty(nameof(ClusterRecord.Vector), typeof(ReadOnlyMemory<float>), dimensions) { IndexKind = indexKind, DistanceFunction = distanceFunction }],
    };

    /// <summary>The records of a data set; the bucket of each comes from its own seeded generator.</summary>
    public static List<ClusterRecord> Records(ClusteredData data, int seed = 3)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, data.Count).Select(i => new ClusterRecord
        {
            Id = i + 1,
            Bucket = random.Next(1000),
            Cluster = data.Clusters[i],
            Vector = data.Vectors[i],
        })];
    }

    /// <summary>Creates the collection, loads the records, and waits until its index has the expected kind.</summary>
    public static async Task<VectorStoreCollection<long, ClusterRecord>> LoadAsync(
        FaissVectorStore store, string name, IReadOnlyList<ClusterRecord> records, int dimensions, string indexKind,
        FaissIndexKind expectedKind, string distanceFunction = DistanceFunction.CosineSimilarity)
    {
        var collection = store.GetCollection<long, ClusterRecord>(name, Definition(dimensions, indexKind, distanceFunction));
        await collection.EnsureCollectionExistsAsync();
        // One batch: the index is then trained (or switched) on the whole set, whatever the timing of the background
        // rebuild, so the index (and its recall) is the same on every run.
        await collection.UpsertAsync(records);

        // Waits for the background rebuild to the planned stage (and checkpoints).
        await ((FaissCollection<long, ClusterRecord>)collection).CheckpointAsync();
        Assert.Equal([expectedKind], await StoreInternals.IndexKindsAsync(store, name));
        return collection;
    }

    /// <summary>The exact ranking (id, score) of the records matching <paramref name="filter"/>, best first.</summary>
    public static List<Scored<long>> Oracle(
        IEnumerable<ClusterRecord> records, ReadOnlyMemory<float> query, Func<ClusterRecord, bool>? filter = null,
        string distanceFunction = DistanceFunction.CosineSimilarity) =>
        [.. Scoring.Rank(records.Where(r => filter is null || filter(r)), r => r.Vector, query, distanceFunction).Select(s => new Scored<long>(s.Item.Id, s.Score))];
}
