namespace ContextMemory.Cli.Input;

/// <summary>Turns a checked export line (<see cref="MemoryLineChecks.ForImport"/>) back into the record it was.</summary>
internal static class MemoryLineMapper
{
    public static MemoryRecord ToRecord(MemoryLine line)
    {
        var now = DateTimeOffset.UtcNow;
        var occurred = line.OccurredAt ?? line.CreatedAt ?? now;
        return new MemoryRecord
        {
            Id = line.Id!.Value,
            Text = line.Text!,
            Kind = line.Kind is null ? MemoryKind.Fact : MemoryKinds.Parse(line.Kind),
            Importance = line.Importance ?? ImportanceHeuristic.Estimate(line.Text!),
            OccurredAt = occurred,
            CreatedAt = line.CreatedAt ?? occurred,
            UpdatedAt = line.UpdatedAt ?? line.CreatedAt ?? occurred,
            LastAccessedAt = line.LastAccessedAt ?? line.CreatedAt ?? occurred,
            Scope = Scopes.From(line.Scope!.User, line.Scope.Agent, line.Scope.Conversation)!,
            Tags = line.Tags ?? [],
            Source = line.Source,
            Speaker = line.Speaker,
            Connections = line.Connections ?? [],
            ConversationTitle = line.ConversationTitle,
            MergedCount = line.MergedCount ?? 1,
            Embedding = line.Embedding,
        };
    }
}
