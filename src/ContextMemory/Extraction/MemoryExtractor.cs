using System.Text;
using System.Text.Json;
using ContextMemory.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContextMemory.Extraction;

/// <summary>
/// Turns a conversation into memories with a model, in two calls. First the model lists candidate facts with an
/// importance. Then, shown each fact's most similar existing memories of the scope under small integer ids (0, 1, 2,
/// ...), it decides ADD, UPDATE (id, text), DELETE (id) or NONE per fact; the ids are mapped back to real ones here, so
/// an id the model invents, or a real id it was not shown, changes nothing.
/// </summary>
/// <remarks>
/// Everything is applied through the <see cref="MemoryService"/> under the one scope passed to
/// <see cref="ExtractAsync"/>; the model has no way to name another. Both replies are requested as JSON (a JSON schema
/// response format) and parsed tolerantly; whatever cannot be used is reported in <see cref="ExtractionResult.Problems"/>
/// and never touches a memory. A reply to the first call that cannot be read yields no actions; a second reply that
/// cannot be read adds every fact (near-duplicates still merge); a fact without a decision is added. A failing model
/// call (any exception but a cancellation of the caller's token, including the client's own timeouts) is reported in
/// <see cref="ExtractionResult.Problems"/>, not thrown; cancellation of the caller's token is thrown as
/// <see cref="OperationCanceledException"/>. Without a model, use <see cref="MemoryService.RememberAsync"/> directly:
/// importance is then estimated by <see cref="ImportanceHeuristic"/>. Thread-safe: the extractor holds no state between
/// calls, and concurrent extractions into one scope are serialised per write by the <see cref="MemoryService"/>.
/// </remarks>
public sealed class MemoryExtractor
{
    private readonly MemoryService _memory;
    private readonly IChatClient _chatClient;
    private readonly MemoryExtractionOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the extractor.</summary>
    /// <param name="memory">The memory service every change goes through.</param>
    /// <param name="chatClient">The model (any <see cref="IChatClient"/>; a JSON-schema response format is requested unless <see cref="MemoryExtractionOptions.UseJsonSchema"/> is off).</param>
    /// <param name="options">Bounds and labels, or the defaults.</param>
    /// <param name="logger">Logs each extraction's problems (warning) and counts (debug), or nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="memory"/> or <paramref name="chatClient"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is out of range.</exception>
    /// <exception cref="MemoryInputException">The actor, source or kind would be refused by the memory layer.</exception>
    public MemoryExtractor(MemoryService memory, IChatClient chatClient, MemoryExtractionOptions? options = null, ILogger<MemoryExtractor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(chatClient);
        _memory = memory;
        _chatClient = chatClient;
        _options = options ?? new MemoryExtractionOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFacts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.SimilarPerFact, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.SimilarPerFact, memory.Options.MaxLimit, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxMessageCharacters, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConversationCharacters, 1, nameof(options));
        memory.Checks.Label(_options.Actor, "actor");
        memory.Checks.Label(_options.Source, "source");
        Writing.InputChecks.Kind(_options.Kind);
    }

    /// <summary>Extracts memories from <paramref name="messages"/> into <paramref name="scope"/>.</summary>
    /// <param name="scope">The scope every change is made in.</param>
    /// <param name="messages">The conversation; user and assistant text is read, system and tool messages are not.</param>
    /// <param name="cancellationToken">Cancels the extraction; changes already applied stay (each is one memory operation).</param>
    /// <returns>The actions applied and the problems met.</returns>
    /// <exception cref="MemoryScopeException">The scope names no user, agent or conversation.</exception>
    public async Task<ExtractionResult> ExtractAsync(MemoryScope scope, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        scope = MemoryScope.Require(scope);
        ArgumentNullException.ThrowIfNull(messages);
        var problems = new ExtractionProblems();
        var actions = new List<ExtractionAction>();
        var transcript = Transcript(messages, problems);
        if (transcript.Length > 0)
        {
            var factsReply = await AskAsync(ExtractionMessages.FactsInstructions, transcript, typeof(ExtractionReplies.Facts), "fact extraction", problems, cancellationToken)
                .ConfigureAwait(false);
            var facts = factsReply is null ? null : Admissible(ExtractionReplyParser.Facts(factsReply, _options.MaxFacts, problems), problems);
            if (facts is { Count: > 0 })
            {
                var shown = await SimilarAsync(scope, facts, cancellationToken).ConfigureAwait(false);
                var decisions = shown.Count == 0 ? null : await DecideAsync(facts, shown, problems, cancellationToken).ConfigureAwait(false);
                await ApplyAsync(scope, facts, shown, decisions, actions, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        var result = new ExtractionResult { Actions = actions, Problems = problems.ToList() };
        if (result.Problems.Count > 0 && _logger.IsEnabled(LogLevel.Warning))
        {
            MemoryLog.ExtractionProblems(_logger, scope, problems.Count, string.Join(" | ", result.Problems));
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            MemoryLog.Extracted(_logger, scope, result.Added, result.Updated, result.Deleted, result.Unchanged);
        }

        return result;
    }

    /// <summary>The facts the memory layer would accept; the others are reported now, so they are neither searched with nor shown to the model.</summary>
    private List<CandidateFact>? Admissible(List<CandidateFact>? facts, ExtractionProblems problems)
    {
        if (facts is null)
        {
            return null;
        }

        var admissible = new List<CandidateFact>(facts.Count);
        for (var i = 0; i < facts.Count; i++)
        {
            try
            {
                _memory.Checks.Text(facts[i].Text);
                admissible.Add(facts[i]);
            }
            catch (MemoryInputException e)
            {
                problems.Add(ExtractionMessages.Refused(i, e.Message));
            }
        }

        return admissible;
    }

    /// <summary>The scope's memories most similar to the facts, each once, in the order the small ids give them. These searches are not accesses: no last-accessed time is written.</summary>
    private async Task<List<MemoryRecord>> SimilarAsync(MemoryScope scope, List<CandidateFact> facts, CancellationToken cancellationToken)
    {
        var shown = new List<MemoryRecord>();
        var seen = new HashSet<Guid>();
        var options = new RecallOptions { Limit = _options.SimilarPerFact, IncludeConnections = false, RecordAccess = false };
        foreach (var fact in facts)
        {
            var similar = await _memory.RecallAsync(scope, fact.Text, options, cancellationToken).ConfigureAwait(false);
            shown.AddRange(similar.Hits.Where(h => !h.IsConnection && seen.Add(h.Memory.Id)).Select(h => h.Memory));
        }

        return shown;
    }

    private async Task<List<(ExtractionDecision Decision, string? RawId)>?> DecideAsync(
        List<CandidateFact> facts, List<MemoryRecord> shown, ExtractionProblems problems, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Serialize(new
        {
            existing = shown.Select((m, i) => new { id = i, text = Cut(m.Text, _options.MaxMessageCharacters) }),
            facts = facts.Select((f, i) => new { fact = i, text = f.Text }),
        });
        var reply = await AskAsync(ExtractionMessages.DecisionsInstructions, request, typeof(ExtractionReplies.Decisions), "decisions", problems, cancellationToken)
            .ConfigureAwait(false);
        var decisions = reply is null ? null : ExtractionReplyParser.Decisions(reply, facts.Count, problems);
        if (decisions is null)
        {
            problems.Add(ExtractionMessages.DecisionsFallback);
        }

        return decisions;
    }

    private async Task ApplyAsync(
        MemoryScope scope, List<CandidateFact> facts, List<MemoryRecord> shown, List<(ExtractionDecision Decision, string? RawId)>? decisions,
        List<ExtractionAction> actions, ExtractionProblems problems, CancellationToken cancellationToken)
    {
        var decided = new HashSet<int>();
        var changed = new HashSet<int>();
        foreach (var (decision, rawId) in decisions ?? [])
        {
            if (!decided.Add(decision.Fact))
            {
                continue;
            }

            var fact = facts[decision.Fact];
            if (decision.Operation == ExtractionOperation.Add)
            {
                await AddAsync(scope, decision.Fact, fact, actions, problems, cancellationToken).ConfigureAwait(false);
                continue;
            }

            MemoryRecord? target = null;
            if (decision.Id is { } id && id >= 0 && id < shown.Count)
            {
                target = shown[id];
            }
            else if (decision.Operation != ExtractionOperation.None)
            {
                problems.Add(ExtractionMessages.UnknownId(decision.Fact, rawId ?? "(none)"));
                continue;
            }

            if (decision.Operation == ExtractionOperation.None)
            {
                actions.Add(new ExtractionAction { Operation = ExtractionOperation.None, MemoryId = target?.Id, Text = fact.Text, Importance = fact.Importance });
                continue;
            }

            if (!changed.Add(decision.Id!.Value))
            {
                problems.Add(ExtractionMessages.IdAlreadyUsed(decision.Fact, decision.Id.Value));
                continue;
            }

            await ChangeAsync(scope, decision, fact, target!, actions, problems, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < facts.Count; i++)
        {
            if (!decided.Contains(i))
            {
                if (decisions is not null)
                {
                    problems.Add(ExtractionMessages.Undecided(i));
                }

                await AddAsync(scope, i, facts[i], actions, problems, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AddAsync(MemoryScope scope, int index, CandidateFact fact, List<ExtractionAction> actions, ExtractionProblems problems, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _memory.RememberAsync(scope, new NewMemory
            {
                Text = fact.Text,
                Kind = _options.Kind,
                Importance = fact.Importance,
                Source = _options.Source,
            }, cancellationToken).ConfigureAwait(false);
            actions.Add(new ExtractionAction { Operation = ExtractionOperation.Add, MemoryId = result.Memory.Id, Text = result.Memory.Text, Importance = fact.Importance });
        }
        catch (MemoryInputException e)
        {
            problems.Add(ExtractionMessages.Refused(index, e.Message));
        }
    }

    private async Task ChangeAsync(
        MemoryScope scope, ExtractionDecision decision, CandidateFact fact, MemoryRecord target, List<ExtractionAction> actions, ExtractionProblems problems,
        CancellationToken cancellationToken)
    {
        try
        {
            if (decision.Operation == ExtractionOperation.Delete)
            {
                if (!await _memory.ForgetAsync(scope, target.Id, new ForgetOptions { Actor = _options.Actor }, cancellationToken).ConfigureAwait(false))
                {
                    problems.Add(ExtractionMessages.Gone(decision.Fact));
                    return;
                }

                actions.Add(new ExtractionAction { Operation = ExtractionOperation.Delete, MemoryId = target.Id, Text = fact.Text, PreviousText = target.Text });
                return;
            }

            var text = string.IsNullOrWhiteSpace(decision.Text) ? fact.Text : decision.Text.Trim();
            var updated = await _memory.UpdateAsync(scope, target.Id, new MemoryUpdate { Text = text, Importance = fact.Importance, Actor = _options.Actor }, cancellationToken)
                .ConfigureAwait(false);
            actions.Add(new ExtractionAction
            {
                Operation = ExtractionOperation.Update,
                MemoryId = target.Id,
                Text = updated.Text,
                PreviousText = target.Text,
                Importance = fact.Importance,
            });
        }
        catch (MemoryNotFoundException)
        {
            problems.Add(ExtractionMessages.Gone(decision.Fact));
        }
        catch (MemoryInputException e)
        {
            problems.Add(ExtractionMessages.Refused(decision.Fact, e.Message));
        }
    }

    /// <summary>One model call asking for JSON of <paramref name="shape"/>; the reply's text, or null (a problem recorded) when the call failed.</summary>
    private async Task<string?> AskAsync(
        string instructions, string input, Type shape, string phase, ExtractionProblems problems, CancellationToken cancellationToken)
    {
        var options = _options.ChatOptions?.Clone() ?? new ChatOptions();
        options.ResponseFormat = _options.UseJsonSchema ? ChatResponseFormat.ForJsonSchema(AIJsonUtilities.CreateJsonSchema(shape), shape.Name) : null;
        try
        {
            var response = await _chatClient.GetResponseAsync(
                [new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, input)], options, cancellationToken).ConfigureAwait(false);
            return response.Text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            problems.Add(ExtractionMessages.ModelFailed(phase, e.Message));
            return null;
        }
    }

    /// <summary>
    /// The user and assistant text, one "role: text" line each: every message cut to
    /// <see cref="MemoryExtractionOptions.MaxMessageCharacters"/>, then the latest
    /// <see cref="MemoryExtractionOptions.MaxConversationCharacters"/> characters. Cuts are reported.
    /// </summary>
    private string Transcript(IEnumerable<ChatMessage> messages, ExtractionProblems problems)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            if ((message.Role == ChatRole.User || message.Role == ChatRole.Assistant) && !string.IsNullOrWhiteSpace(message.Text))
            {
                var content = message.Text.Trim();
                if (content.Length > _options.MaxMessageCharacters)
                {
                    problems.Add(ExtractionMessages.MessageCut(content.Length, _options.MaxMessageCharacters));
                    content = Cut(content, _options.MaxMessageCharacters);
                }

                text.Append(message.Role.Value).Append(": ").Append(content).Append('\n');
            }
        }

        if (text.Length <= _options.MaxConversationCharacters)
        {
            return text.ToString();
        }

        problems.Add(ExtractionMessages.ConversationCut);
        return text.ToString(text.Length - _options.MaxConversationCharacters, _options.MaxConversationCharacters);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
