using System.Diagnostics.Metrics;
using System.Text;
using ContextMemory.Extraction;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ContextMemory.Agents;

/// <summary>
/// What the middleware and the provider share: recall for the latest user message, formatted as one bounded block of
/// text, and remembering a turn. Memory failures are logged and counted, never thrown: a chat never fails because
/// memory did (cancellation excepted).
/// </summary>
internal sealed class MemoryContext
{
    /// <summary>The meter of the agent integrations: <c>contextmemory.agents.failures</c> counts swallowed memory failures by operation.</summary>
    public const string MeterName = "ContextMemory.Agents";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("contextmemory.agents.failures", description: "Memory failures the chat went on without.");

    private readonly MemoryService _memory;
    private readonly ContextMemoryChatOptions _options;
    private readonly ILogger _logger;

    public MemoryContext(MemoryService memory, ContextMemoryChatOptions? options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        _options = options ?? new ContextMemoryChatOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxMemories, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxCharacters, 1, nameof(options));
        _logger = logger;
    }

    /// <summary>
    /// The memories of <paramref name="scope"/> relevant to the last user message in <paramref name="messages"/>, as
    /// one text (preamble and one line per memory, within the character budget); <see langword="null"/> when there is
    /// no user text, nothing relevant, or recall failed.
    /// </summary>
    public async Task<string?> RecallAsync(MemoryScope scope, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var query = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        try
        {
            var result = await _memory.RecallAsync(scope, query, new RecallOptions
            {
                Limit = _options.MaxMemories,
                MinRelevance = _options.MinRelevance,
                IncludeConnections = false,
            }, cancellationToken).ConfigureAwait(false);
            return Format(result.Hits);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failures.Add(1, new KeyValuePair<string, object?>("operation", "recall"));
            AgentLog.RecallFailed(_logger, e, scope.ToString());
            return null;
        }
    }

    /// <summary>Remembers the turn's user messages (and replies, if configured) as episodes, when the options ask for it.</summary>
    public async Task StoreAsync(MemoryScope scope, IEnumerable<ChatMessage> request, IEnumerable<ChatMessage> response, CancellationToken cancellationToken)
    {
        // Only the messages of this turn: those after the last assistant message of the request.
        var messages = request.ToList();
        var userMessages = messages.Skip(messages.FindLastIndex(m => m.Role == ChatRole.Assistant) + 1).Where(m => m.Role == ChatRole.User).ToList();
        if (_options.Extractor is { } extractor)
        {
            await ExtractAsync(extractor, scope, [.. userMessages, .. response], cancellationToken).ConfigureAwait(false);
            return;
        }

        var turn = new List<NewMemory>();
        if (_options.RememberUserMessages)
        {
            turn.AddRange(userMessages.Select(m => Episode(m, "user")).OfType<NewMemory>());
        }

        if (_options.RememberAssistantMessages)
        {
            turn.AddRange(response.Where(m => m.Role == ChatRole.Assistant).Select(m => Episode(m, "assistant")).OfType<NewMemory>());
        }

        if (turn.Count == 0)
        {
            return;
        }

        try
        {
            await _memory.RememberManyAsync(scope, turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failures.Add(1, new KeyValuePair<string, object?>("operation", "store"));
            AgentLog.StoreFailed(_logger, e, scope.ToString());
        }
    }

    private string? Format(IReadOnlyList<MemoryHit> hits)
    {
        if (hits.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(_options.Preamble);
        var used = 0;
        foreach (var hit in hits)
        {
            var line = AgentMessages.MemoryLine(hit.Memory);
            if (used + line.Length > _options.MaxCharacters)
            {
                continue;
            }

            text.Append('\n').Append(line);
            used += line.Length;
        }

        return used == 0 ? null : text.ToString();
    }

    private static NewMemory? Episode(ChatMessage message, string speaker) =>
        string.IsNullOrWhiteSpace(message.Text) ? null : new NewMemory { Text = message.Text, Kind = MemoryKind.Episode, Speaker = speaker, Source = "chat" };

    private async Task ExtractAsync(MemoryExtractor extractor, MemoryScope scope, List<ChatMessage> turn, CancellationToken cancellationToken)
    {
        try
        {
            var result = await extractor.ExtractAsync(scope, turn, cancellationToken).ConfigureAwait(false);
            if (result.Problems.Count > 0)
            {
                Failures.Add(result.Problems.Count, new KeyValuePair<string, object?>("operation", "extract"));
                AgentLog.ExtractionProblems(_logger, scope.ToString(), string.Join(" | ", result.Problems));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failures.Add(1, new KeyValuePair<string, object?>("operation", "extract"));
            AgentLog.StoreFailed(_logger, e, scope.ToString());
        }
    }
}
