namespace ContextMemory.Storage;

/// <summary>A history row as stored. <see cref="Marker"/> is a constant one-dimensional vector: VectorData connectors may require a vector property.</summary>
internal sealed class HistoryEntity
{
    public Guid Id { get; set; }

    public long Sequence { get; set; }

    public Guid MemoryId { get; set; }

    public int Action { get; set; }

    public string? OldText { get; set; }

    public string? NewText { get; set; }

    public string? UserId { get; set; }

    public string? AgentId { get; set; }

    public string? ConversationId { get; set; }

    public string? Actor { get; set; }

    public long At { get; set; }

    public ReadOnlyMemory<float> Marker { get; set; } = MemorySchema.MarkerVector;
}
