namespace ContextMemory.Cli.Input;

/// <summary>A scope in a JSONL line: <c>{"user": "...", "agent": "...", "conversation": "..."}</c>.</summary>
internal sealed class ScopeLine
{
    public string? User { get; set; }

    public string? Agent { get; set; }

    public string? Conversation { get; set; }

    public static ScopeLine From(MemoryScope scope) =>
        new() { User = scope.UserId, Agent = scope.AgentId, Conversation = scope.ConversationId };
}
