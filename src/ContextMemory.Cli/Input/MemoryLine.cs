namespace ContextMemory.Cli.Input;

/// <summary>
/// One memory as a JSON object: a line of an <c>export</c> file (every field, with the embedding), of an
/// <c>add --file</c> file (at least <c>text</c>), and the <c>--json</c> output of the reading commands.
/// Unknown properties are refused, so a misspelled field is reported with its line instead of silently dropped.
/// </summary>
internal sealed class MemoryLine
{
    public Guid? Id { get; set; }

    public string? Text { get; set; }

    public string? Kind { get; set; }

    public double? Importance { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public DateTimeOffset? LastAccessedAt { get; set; }

    public ScopeLine? Scope { get; set; }

    public IReadOnlyList<string>? Tags { get; set; }

    public string? Source { get; set; }

    public string? Speaker { get; set; }

    public string? ConversationTitle { get; set; }

    public IReadOnlyList<Guid>? Connections { get; set; }

    public int? MergedCount { get; set; }

    public float[]? Embedding { get; set; }

    public static MemoryLine From(MemoryRecord record) => new()
    {
        Id = record.Id,
        Text = record.Text,
        Kind = MemoryKinds.Name(record.Kind),
        Importance = record.Importance,
        OccurredAt = record.OccurredAt,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        LastAccessedAt = record.LastAccessedAt,
        Scope = ScopeLine.From(record.Scope),
        Tags = record.Tags,
        Source = record.Source,
        Speaker = record.Speaker,
        Connections = record.Connections,
        ConversationTitle = record.ConversationTitle,
        MergedCount = record.MergedCount,
        Embedding = record.Embedding?.ToArray(),
    };
}
