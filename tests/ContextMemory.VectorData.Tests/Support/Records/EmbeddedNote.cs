using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.Tests.Support.Records;

/// <summary>A record whose vector property is text to be embedded, next to a native Embedding&lt;float&gt; vector.</summary>
public sealed class EmbeddedNote
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreVector(3)]
    public string Content { get; set; } = "";

    [VectorStoreVector(3)]
    public Embedding<float>? Raw { get; set; }
}
