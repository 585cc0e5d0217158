namespace ContextMemory.VectorData.Tests.Support.Records;

/// <summary>An attribute-annotated record with every kind of property and one unmapped property.</summary>
public sealed class Note
{
    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string Category { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true, StorageName = "body_text")]
    public string Text { get; set; } = "";

    [VectorStoreData]
    public string[] Tags { get; set; } = [];

    [VectorStoreData]
    public int? Priority { get; set; }

    [VectorStoreVector(3, DistanceFunction = DistanceFunction.CosineSimilarity, IndexKind = IndexKind.Hnsw)]
    public ReadOnlyMemory<float> Embedding { get; set; }

    public string NotStored { get; set; } = "";
}
