using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.DependencyInjection;

/// <summary>A small record for registration tests.</summary>
public sealed class ServiceRecord
{
    [VectorStoreKey]
    public int Id { get; set; }

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Text { get; set; } = "";

    [VectorStoreVector(4)]
    public ReadOnlyMemory<float> Vector { get; set; }
}
