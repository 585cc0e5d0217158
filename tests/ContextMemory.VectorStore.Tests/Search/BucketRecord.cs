namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>A record with a filterable bucket (schema from a definition).</summary>
public sealed class BucketRecord
{
    public long Id { get; set; }

    public int Bucket { get; set; }

    public ReadOnlyMemory<float> Vector { get; set; }
}
