using ContextMemory.Cli.Input;

namespace ContextMemory.Cli.Output;

/// <summary>One history entry in <c>history --json</c>.</summary>
internal sealed class HistoryLine
{
    public long Sequence { get; init; }

    public Guid MemoryId { get; init; }

    public required string Action { get; init; }

    public string? OldText { get; init; }

    public string? NewText { get; init; }

    public required ScopeLine Scope { get; init; }

    public string? Actor { get; init; }

    public DateTimeOffset At { get; init; }

    public static HistoryLine From(HistoryEntry entry) => new()
    {
        Sequence = entry.Sequence,
        MemoryId = entry.MemoryId,
        Action = entry.Action.ToString().ToLowerInvariant(),
        OldText = entry.OldText,
        NewText = entry.NewText,
        Scope = ScopeLine.From(entry.Scope),
        Actor = entry.Actor,
        At = entry.At,
    };
}
