namespace ContextMemory.Agents;

/// <summary>The scope kept in an agent session's state: plain strings, so the session serialises.</summary>
internal sealed class SessionScope
{
    public string? UserId { get; set; }

    public string? AgentId { get; set; }

    public string? ConversationId { get; set; }

    public static SessionScope From(MemoryScope scope) =>
        new() { UserId = scope.UserId, AgentId = scope.AgentId, ConversationId = scope.ConversationId };

    /// <summary>The scope again; a state edited into naming nothing is refused by the memory layer's scope checks.</summary>
    public MemoryScope ToScope() => MemoryScope.Require(new MemoryScope { UserId = UserId, AgentId = AgentId, ConversationId = ConversationId });
}
