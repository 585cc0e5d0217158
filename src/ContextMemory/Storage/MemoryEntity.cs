namespace ContextMemory.Storage;

/// <summary>
/// A memory as stored in the VectorData collection. Plain types only (strings, numbers, string arrays, a float vector),
/// so any VectorData connector can hold it; times are UTC ticks so range filters compare integers. The schema is
/// <see cref="MemorySchema.Memories"/>, built at runtime because the vector length comes from the embedder.
/// </summary>
internal sealed class MemoryEntity
{
    public Guid Id { get; set; }

    public string Text { get; set; } = string.Empty;

    /// <summary>The text with its context (speaker, time, title): what is embedded and full-text indexed.</summary>
    public string IndexedText { get; set; } = string.Empty;

    public string? UserId { get; set; }

    public string? AgentId { get; set; }

    public string? ConversationId { get; set; }

    public int Kind { get; set; }

    public double Importance { get; set; }

    public long OccurredAt { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long LastAccessedAt { get; set; }

    public string[] Tags { get; set; } = [];

    public string? Source { get; set; }

    public string? Speaker { get; set; }

    public string? ConversationTitle { get; set; }

    /// <summary>Connected memory ids in the "D" format (strings, which every connector can hold).</summary>
    public string[] Connections { get; set; } = [];

    public int MergedCount { get; set; } = 1;

    public ReadOnlyMemory<float> Embedding { get; set; }
}
