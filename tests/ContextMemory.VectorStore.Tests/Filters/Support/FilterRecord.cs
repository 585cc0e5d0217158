using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>A record with one property of every kind the store can filter on, nullable and not.</summary>
public sealed class FilterRecord
{
    [VectorStoreKey]
    public long Key { get; set; }

    [VectorStoreData]
    public string? Name { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string Category { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public int Count { get; set; }

    [VectorStoreData]
    public int? Rank { get; set; }

    [VectorStoreData]
    public long Big { get; set; }

    [VectorStoreData]
    public short Small { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public double Score { get; set; }

    [VectorStoreData]
    public double? Weight { get; set; }

    [VectorStoreData]
    public float Ratio { get; set; }

    [VectorStoreData]
    public bool IsActive { get; set; }

    [VectorStoreData]
    public bool? Flag { get; set; }

    [VectorStoreData]
    public DateTime Created { get; set; }

    [VectorStoreData]
    public DateTime? Due { get; set; }

    [VectorStoreData]
    public DateTimeOffset Stamp { get; set; }

    [VectorStoreData]
    public DateOnly Day { get; set; }

    [VectorStoreData]
    public TimeOnly Time { get; set; }

    [VectorStoreData]
    public Guid Owner { get; set; }

    [VectorStoreData]
    public Guid? Parent { get; set; }

    [VectorStoreData]
    public string?[]? Tags { get; set; }

    [VectorStoreData]
    public List<int>? Numbers { get; set; }

    [VectorStoreData]
    public double[]? Readings { get; set; }

    [VectorStoreData]
    public float[]? Levels { get; set; }

    [VectorStoreData]
    public List<Guid>? Links { get; set; }

    [VectorStoreVector(4)]
    public ReadOnlyMemory<float> Embedding { get; set; }

    /// <summary>Not part of the model.</summary>
    public string NotStored { get; set; } = "";
}
