using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// The record the reliability tests and their child processes write. Every field is a pure function of
/// (<see cref="Id"/>, <see cref="Version"/>) (see <see cref="RecordFactory"/>), so a reader can tell from a record alone
/// whether it is exactly what some write stored.
/// </summary>
public sealed class ReliabilityRecord
{
    [VectorStoreKey]
    public long Id { get; set; }

    /// <summary>The write (operation number) that produced this version of the record.</summary>
    [VectorStoreData(IsIndexed = true)]
    public long Version { get; set; }

    /// <summary>A small label (<c>t0</c> .. <c>t6</c>) used by filtered searches.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Tag { get; set; } = "";

    /// <summary>Which process wrote the record (two-process test) or "w" (single writer).</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Writer { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Text { get; set; } = "";

    [VectorStoreVector(RecordFactory.Dimensions, DistanceFunction = DistanceFunction.EuclideanSquaredDistance)]
    public ReadOnlyMemory<float> Embedding { get; set; }
}
