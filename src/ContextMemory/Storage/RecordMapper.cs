using System.Globalization;

namespace ContextMemory.Storage;

/// <summary>Converts stored entities to the public read models and back.</summary>
internal static class RecordMapper
{
    public static MemoryScope ScopeOf(MemoryEntity entity) =>
        new() { UserId = entity.UserId, AgentId = entity.AgentId, ConversationId = entity.ConversationId };

    public static MemoryScope ScopeOf(HistoryEntity entity) =>
        new() { UserId = entity.UserId, AgentId = entity.AgentId, ConversationId = entity.ConversationId };

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static MemoryRecord ToRecord(MemoryEntity entity, bool withEmbedding = false) => new()
    {
        Id = entity.Id,
        Text = entity.Text,
        Kind = (MemoryKind)entity.Kind,
        Importance = entity.Importance,
        OccurredAt = Time(entity.OccurredAt),
        CreatedAt = Time(entity.CreatedAt),
        UpdatedAt = Time(entity.UpdatedAt),
        LastAccessedAt = Time(entity.LastAccessedAt),
        Scope = ScopeOf(entity),
        Tags = [.. entity.Tags ?? []],
        Source = entity.Source,
        Speaker = entity.Speaker,
        ConversationTitle = entity.ConversationTitle,
        Connections = ConnectionIds(entity),
        MergedCount = entity.MergedCount,
        Embedding = withEmbedding ? new ReadOnlyMemory<float>(entity.Embedding.ToArray()) : (ReadOnlyMemory<float>?)null,
    };

    public static MemoryEntity ToEntity(MemoryRecord record, string indexedText, ReadOnlyMemory<float> embedding) => new()
    {
        Id = record.Id,
        Text = record.Text,
        IndexedText = indexedText,
        UserId = record.Scope.UserId,
        AgentId = record.Scope.AgentId,
        ConversationId = record.Scope.ConversationId,
        Kind = (int)record.Kind,
        Importance = record.Importance,
        OccurredAt = record.OccurredAt.UtcTicks,
        CreatedAt = record.CreatedAt.UtcTicks,
        UpdatedAt = record.UpdatedAt.UtcTicks,
        LastAccessedAt = record.LastAccessedAt.UtcTicks,
        Tags = [.. record.Tags],
        Source = record.Source,
        Speaker = record.Speaker,
        ConversationTitle = record.ConversationTitle,
        Connections = [.. record.Connections.Select(Format)],
        MergedCount = record.MergedCount,
        Embedding = embedding,
    };

    public static HistoryEntry ToEntry(HistoryEntity entity) => new()
    {
        Sequence = entity.Sequence,
        MemoryId = entity.MemoryId,
        Action = (HistoryAction)entity.Action,
        OldText = entity.OldText,
        NewText = entity.NewText,
        Scope = ScopeOf(entity),
        Actor = entity.Actor,
        At = Time(entity.At),
    };

    public static List<Guid> ConnectionIds(MemoryEntity entity) =>
        [.. (entity.Connections ?? []).Select(c => Guid.TryParse(c, CultureInfo.InvariantCulture, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    public static string Format(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
