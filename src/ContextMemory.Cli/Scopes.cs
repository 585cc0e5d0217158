namespace ContextMemory.Cli;

/// <summary>Builds a scope through the memory layer's validating factories (a bad part is a MemoryScopeException).</summary>
internal static class Scopes
{
    public static MemoryScope? From(string? user, string? agent, string? conversation)
    {
        MemoryScope? scope = null;
        if (user is not null)
        {
            scope = MemoryScope.ForUser(user);
        }

        if (agent is not null)
        {
            scope = scope is null ? MemoryScope.ForAgent(agent) : scope.WithAgent(agent);
        }

        if (conversation is not null)
        {
            scope = scope is null ? MemoryScope.ForConversation(conversation) : scope.WithConversation(conversation);
        }

        return scope;
    }

    public static string Describe(MemoryScope scope) =>
        string.Join(' ', new[] { ("user", scope.UserId), ("agent", scope.AgentId), ("conversation", scope.ConversationId) }
            .Where(part => part.Item2 is not null)
            .Select(part => $"{part.Item1}={part.Item2}"));
}
