using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// Sits just in front of the model and keeps the memory text the middleware added to the first request (the system
/// message that starts with its preamble), so the report can show what the step was given without asking for it.
/// </summary>
internal sealed class MemoryContextProbe : DelegatingChatClient
{
    private readonly string _preamble;

    public MemoryContextProbe(IChatClient inner, string preamble)
        : base(inner) => _preamble = preamble;

    /// <summary>The memory block the model was given, or null when none was added.</summary>
    public string? Added { get; private set; }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = messages.ToList();
        Added ??= request.FirstOrDefault(m => m.Role == ChatRole.System && m.Text.StartsWith(_preamble, StringComparison.Ordinal))?.Text;
        return base.GetResponseAsync(request, options, cancellationToken);
    }
}
