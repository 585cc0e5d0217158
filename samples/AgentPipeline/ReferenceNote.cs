using Microsoft.Extensions.VectorData;

namespace AgentPipeline;

/// <summary>
/// A short reference note in the <c>documents</c> collection, used through the Microsoft.Extensions.VectorData API
/// directly: the store embeds <see cref="Embedding"/> (a text) with its embedding generator on upsert and on search.
/// </summary>
internal sealed class ReferenceNote
{
    /// <summary>The local embedder's dimensions.</summary>
    public const int Dimensions = 384;

    [VectorStoreKey]
    public Guid Id { get; set; }

    /// <summary>The city the note is about; indexed, so searches can filter on it.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string City { get; set; } = "";

    /// <summary>What the note is about (sights, food, transport...).</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Topic { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Text { get; set; } = "";

    /// <summary>The text to embed; the store embeds it and keeps only the vector.</summary>
    [VectorStoreVector(Dimensions)]
    public string Embedding { get; set; } = "";
}
