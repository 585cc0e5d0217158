using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>A record with a full-text indexed body, for hybrid search.</summary>
public sealed class ArticleRecord
{
    [VectorStoreKey]
    public int Id { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string Section { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Body { get; set; } = "";

    /// <summary>Dimensions and index kind come from the definition of each test.</summary>
    public ReadOnlyMemory<float> Vector { get; set; }
}
