using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContextMemory.Agents;

/// <summary>
/// A chat-client middleware that gives every request the memories relevant to its latest user message — one system
/// message, inserted just before that user message, bounded by <see cref="ContextMemoryChatOptions.MaxMemories"/> and
/// <see cref="ContextMemoryChatOptions.MaxCharacters"/> — and, when configured, remembers the turn after a successful
/// response. Build it with <c>chatClient.AsBuilder().UseContextMemory(memory, scope)</c>.
/// </summary>
/// <remarks>
/// The scope is fixed when the middleware is created, by the host. Nothing is added when there is no user text or
/// nothing relevant; a memory failure is logged and counted (meter <c>ContextMemory.Agents</c>) and the request goes on
/// without memories — it never fails the chat. The caller's message list is not modified. Thread-safe.
/// </remarks>
public sealed class ContextMemoryChatClient : DelegatingChatClient
{
    private readonly MemoryContext _context;
    private readonly MemoryScope _scope;

    /// <summary>Creates the middleware over <paramref name="innerClient"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MemoryScopeException"><paramref name="scope"/> names no user, agent or conversation.</exception>
    public ContextMemoryChatClient(
        IChatClient innerClient, MemoryService memory, MemoryScope scope, ContextMemoryChatOptions? options = null, ILogger<ContextMemoryChatClient>? logger = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _scope = MemoryScope.Require(scope);
        _context = new MemoryContext(memory, options, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>The scope the middleware recalls from and remembers into.</summary>
    public MemoryScope Scope => _scope;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = messages.ToList();
        var augmented = await AugmentAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(augmented, options, cancellationToken).ConfigureAwait(false);
        await _context.StoreAsync(_scope, request, response.Messages, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = messages.ToList();
        var augmented = await AugmentAsync(request, cancellationToken).ConfigureAwait(false);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(augmented, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        await _context.StoreAsync(_scope, request, updates.ToChatResponse().Messages, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<ChatMessage>> AugmentAsync(List<ChatMessage> request, CancellationToken cancellationToken)
    {
        var memories = await _context.RecallAsync(_scope, request, cancellationToken).ConfigureAwait(false);
        if (memories is null)
        {
            return request;
        }

        var augmented = new List<ChatMessage>(request);
        var lastUser = augmented.FindLastIndex(m => m.Role == ChatRole.User);
        augmented.Insert(lastUser, new ChatMessage(ChatRole.System, memories));
        return augmented;
    }
}
