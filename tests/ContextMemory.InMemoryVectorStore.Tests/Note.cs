using Microsoft.Extensions.VectorData;

namespace ContextMemory.InMemoryStoreTests;

/// <summary>A record with the shapes the memory layer stores: Guid key, strings, a string array, a long, a vector.</summary>
public sealed class Note
{
    public Guid Id { get; set; }

    public string Text { get; set; } = string.Empty;

    public string? Owner { get; set; }

    public long At { get; set; }

    public string[] Tags { get; set; } = [];

    public ReadOnlyMemory<float> Vector { get; set; }

    internal static VectorStoreCollectionDefinition Definition(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(Guid)),
            new VectorStoreDataProperty(nameof(Text), typeof(string)),
            new VectorStoreDataProperty(nameof(Owner), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(At), typeof(long)),
            new VectorStoreDataProperty(nameof(Tags), typeof(string[])),
            new VectorStoreVectorProperty(nameof(Vector), typeof(ReadOnlyMemory<float>), dimensions),
        ],
    };
}
