using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContextMemory.Agents;

/// <summary>
/// An Agent Framework context provider: before each agent run it adds, as instructions, the memories relevant to the
/// latest user message; after a successful run it remembers the turn when <see cref="ContextMemoryChatOptions"/> asks
/// for it. Add it with <c>new ChatClientAgentOptions { AIContextProviders = [provider] }</c>.
/// </summary>
/// <remarks>
/// Each session has its own scope: the host's <c>scopeForSession</c> function picks it when the session is first
/// used, and it is kept in the session's state (so it survives the session's serialisation); a model never chooses
/// it. Memory failures are logged and counted and the run goes on without memories. Thread-safe.
/// </remarks>
public sealed class ContextMemoryProvider : AIContextProvider
{
    private readonly MemoryContext _context;
    private readonly ProviderSessionState<SessionScope> _state;

    /// <summary>Creates the provider.</summary>
    /// <param name="memory">The memory service.</param>
    /// <param name="scopeForSession">The host's choice of scope for a session (called once per session; the session may be <see langword="null"/> for a run without one).</param>
    /// <param name="options">Recall bounds and what to remember.</param>
    /// <param name="loggerFactory">Logs memory failures.</param>
    /// <exception cref="ArgumentNullException"><paramref name="memory"/> or <paramref name="scopeForSession"/> is null.</exception>
    public ContextMemoryProvider(
        MemoryService memory, Func<AgentSession?, MemoryScope> scopeForSession, ContextMemoryChatOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(scopeForSession);
        _context = new MemoryContext(memory, options, loggerFactory?.CreateLogger<ContextMemoryProvider>() ?? (ILogger)NullLogger.Instance);
        _state = new ProviderSessionState<SessionScope>(
            session => SessionScope.From(MemoryScope.Require(scopeForSession(session))),
            nameof(ContextMemoryProvider),
            JsonSerializerOptions.Web);
    }

    /// <summary>The scope bound to <paramref name="session"/> (choosing it now if the session has none yet).</summary>
    public MemoryScope GetScope(AgentSession? session) => _state.GetOrInitializeState(session).ToScope();

    /// <inheritdoc />
    protected override async ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = ScopeOf(context.Session);
        var memories = await _context.RecallAsync(scope, context.AIContext.Messages ?? [], cancellationToken).ConfigureAwait(false);
        return memories is null ? new AIContext() : new AIContext { Instructions = memories };
    }

    /// <inheritdoc />
    protected override async ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = ScopeOf(context.Session);
        await _context.StoreAsync(scope, context.RequestMessages, context.ResponseMessages ?? [], cancellationToken).ConfigureAwait(false);
    }

    private MemoryScope ScopeOf(AgentSession? session)
    {
        var state = _state.GetOrInitializeState(session);
        if (session is not null)
        {
            _state.SaveState(session, state);
        }

        return state.ToScope();
    }
}
