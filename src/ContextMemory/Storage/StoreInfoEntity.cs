namespace ContextMemory.Storage;

/// <summary>The one record saying which embedder a store was made with (see <see cref="EmbedderGuard"/>).</summary>
internal sealed class StoreInfoEntity
{
    public Guid Id { get; set; }

    public string ModelId { get; set; } = string.Empty;

    public int Dimensions { get; set; }

    public int SchemaVersion { get; set; }

    public long CreatedAt { get; set; }

    public ReadOnlyMemory<float> Marker { get; set; } = MemorySchema.MarkerVector;
}
