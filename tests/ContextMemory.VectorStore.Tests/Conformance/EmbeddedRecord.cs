using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>A record whose vector is generated from text by the configured embedding generator.</summary>
public sealed class EmbeddedRecord
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Body { get; set; } = "";

    /// <summary>The text to embed; the store keeps only its vector.</summary>
    [VectorStoreVector(EmbeddingGenerationTests.Dimensions, IndexKind = IndexKind.Flat, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public string? Embedding { get; set; }
}
