using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>A point of a <see cref="Support.ClusteredData"/> set with attributes to filter on.</summary>
public sealed class ClusterRecord
{
    [VectorStoreKey]
    public long Id { get; set; }

    /// <summary>Uniform in [0, 1000), independent of the vector: filters on it select a random share.</summary>
    [VectorStoreData(IsIndexed = true)]
    public int Bucket { get; set; }

    /// <summary>The cluster the vector was drawn from: filters on it select a region of the space.</summary>
    [VectorStoreData(IsIndexed = true)]
    public int Cluster { get; set; }

    /// <summary>Dimensions and index kind come from the definition of each test.</summary>
    public ReadOnlyMemory<float> Vector { get; set; }
}
