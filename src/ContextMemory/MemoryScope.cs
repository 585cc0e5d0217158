namespace ContextMemory;

/// <summary>
/// Whose memories an operation reads or writes: a user, an agent, a conversation (or run), or a combination. Scopes are a
/// security boundary: every operation names one, and no operation returns or touches memories outside it.
/// </summary>
/// <remarks>
/// <para>Match rule: a scope selects the memories whose parts equal every part the scope sets (ordinal comparison); parts
/// the scope leaves unset match anything. <c>ForUser("ann")</c> selects all of Ann's memories, including those stored
/// with a conversation; <c>ForUser("ann").WithConversation("c1")</c> selects only those of that conversation. A memory
/// is stored with the full scope it was remembered under.</para>
/// <para>Each part is 1 to <see cref="MaxPartLength"/> characters with no control characters; an invalid part throws
/// <see cref="MemoryScopeException"/> when it is set. A scope with no part is refused by every operation. Immutable and
/// thread-safe.</para>
/// </remarks>
public sealed record MemoryScope
{
    /// <summary>The longest scope part accepted.</summary>
    public const int MaxPartLength = 256;

    private readonly string? _userId;
    private readonly string? _agentId;
    private readonly string? _conversationId;

    /// <summary>The user the memories belong to, or <see langword="null"/> for any.</summary>
    /// <exception cref="MemoryScopeException">The value is empty, too long or holds control characters.</exception>
    public string? UserId { get => _userId; init => _userId = Validated(value, nameof(UserId)); }

    /// <summary>The agent the memories belong to, or <see langword="null"/> for any.</summary>
    /// <exception cref="MemoryScopeException">The value is empty, too long or holds control characters.</exception>
    public string? AgentId { get => _agentId; init => _agentId = Validated(value, nameof(AgentId)); }

    /// <summary>The conversation (or run) the memories belong to, or <see langword="null"/> for any.</summary>
    /// <exception cref="MemoryScopeException">The value is empty, too long or holds control characters.</exception>
    public string? ConversationId { get => _conversationId; init => _conversationId = Validated(value, nameof(ConversationId)); }

    /// <summary>Whether at least one part is set (operations refuse a scope without one).</summary>
    public bool IsSpecified => _userId is not null || _agentId is not null || _conversationId is not null;

    /// <summary>A scope of one user.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The scope.</returns>
    public static MemoryScope ForUser(string userId) => new() { UserId = Required(userId, nameof(UserId)) };

    /// <summary>A scope of one agent.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <returns>The scope.</returns>
    public static MemoryScope ForAgent(string agentId) => new() { AgentId = Required(agentId, nameof(AgentId)) };

    /// <summary>A scope of one conversation (or run).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The scope.</returns>
    public static MemoryScope ForConversation(string conversationId) =>
        new() { ConversationId = Required(conversationId, nameof(ConversationId)) };

    /// <summary>This scope narrowed to a user.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>A new scope.</returns>
    public MemoryScope WithUser(string userId) => this with { UserId = Required(userId, nameof(UserId)) };

    /// <summary>This scope narrowed to an agent.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <returns>A new scope.</returns>
    public MemoryScope WithAgent(string agentId) => this with { AgentId = Required(agentId, nameof(AgentId)) };

    /// <summary>This scope narrowed to a conversation (or run).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>A new scope.</returns>
    public MemoryScope WithConversation(string conversationId) =>
        this with { ConversationId = Required(conversationId, nameof(ConversationId)) };

    /// <summary>Whether a memory stored under <paramref name="stored"/> is selected by this scope (the match rule).</summary>
    /// <param name="stored">The scope a memory was stored with.</param>
    /// <returns><see langword="true"/> when every part this scope sets equals the stored part.</returns>
    public bool Matches(MemoryScope stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return IsSpecified
            && (_userId is null || string.Equals(_userId, stored.UserId, StringComparison.Ordinal))
            && (_agentId is null || string.Equals(_agentId, stored.AgentId, StringComparison.Ordinal))
            && (_conversationId is null || string.Equals(_conversationId, stored.ConversationId, StringComparison.Ordinal));
    }

    /// <summary>A readable form, e.g. <c>user=ann;conversation=c1</c> (for logs and statistics; not parsed back).</summary>
    /// <returns>The parts that are set.</returns>
    public override string ToString() =>
        string.Join(';', new[] { ("user", _userId), ("agent", _agentId), ("conversation", _conversationId) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));

    /// <summary>Throws unless <paramref name="scope"/> is a usable scope (not null, at least one part).</summary>
    internal static MemoryScope Require(MemoryScope? scope) =>
        scope is { IsSpecified: true } ? scope : throw new MemoryScopeException(MemoryErrors.ScopeRequired);

    private static string Required(string? value, string part) =>
        Validated(value, part) ?? throw new MemoryScopeException(MemoryErrors.ScopePartMissing(part));

    private static string? Validated(string? value, string part)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > MaxPartLength)
        {
            throw new MemoryScopeException(MemoryErrors.ScopePartLength(part, value.Length, MaxPartLength));
        }

        if (value.Any(char.IsControl))
        {
            throw new MemoryScopeException(MemoryErrors.ScopePartControl(part));
        }

        return value;
    }
}
