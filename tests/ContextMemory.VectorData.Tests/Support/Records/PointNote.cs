namespace ContextMemory.VectorData.Tests.Support.Records;

/// <summary>A record whose vector property has a custom input type.</summary>
public sealed class PointNote
{
    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreVector(2)]
    public Point? Location { get; set; }
}
