using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel.Data;

namespace ContextMemory.VectorStore.Tests.Integration;

/// <summary>A record Semantic Kernel's text search maps to results: name, value and link come from the attributes.</summary>
public sealed class Snippet
{
    public const int Dimensions = 256;

    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreData(IsIndexed = true)]
    [TextSearchResultName]
    public string Title { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true)]
    [TextSearchResultValue]
    public string Text { get; set; } = "";

    [VectorStoreData]
    [TextSearchResultLink]
    public string Link { get; set; } = "";

    /// <summary>Embedded by the store's generator from the text it holds.</summary>
    [VectorStoreVector(Dimensions)]
    public string Embedding { get; set; } = "";

    public static Snippet Of(string title, string text) =>
        new() { Title = title, Text = text, Link = $"https://example.test/{title}", Embedding = text };
}
