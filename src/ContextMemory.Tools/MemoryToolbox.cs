using Microsoft.Extensions.AI;

namespace ContextMemory.Tools;

/// <summary>
/// The memory operations a model may call — remember, recall, update, forget — bound to one scope chosen by the host
/// when the toolbox is created. No operation takes a scope, a user or an id of the host's choosing: a model can only
/// ever touch the bound scope's memories, and an id from another scope is reported as not found. The
/// Microsoft.Extensions.AI functions (<see cref="MemoryTools"/>), the Semantic Kernel plugin and the MCP server all
/// call this one implementation.
/// </summary>
/// <remarks>
/// Thread-safe: it holds no state of its own beyond the service, the scope and the options. Refused input (an empty or
/// oversized text, an importance outside 0..1, a malformed id, an unknown kind) comes back as a
/// <see cref="MemoryToolStatus.Error"/> result and changes nothing; cancellation and failures of the store itself
/// are thrown.
/// </remarks>
public sealed class MemoryToolbox
{
    private readonly MemoryService _memory;
    private readonly MemoryScope _scope;
    private readonly MemoryToolOptions _options;

    /// <summary>Creates the toolbox over <paramref name="memory"/>, bound to <paramref name="scope"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MemoryScopeException"><paramref name="scope"/> names no user, agent or conversation.</exception>
    public MemoryToolbox(MemoryService memory, MemoryScope scope, MemoryToolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(scope);
        _memory = memory;
        _scope = MemoryScope.Require(scope);
        _options = options ?? new MemoryToolOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DefaultRecallLimit, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRecallLimit, _options.DefaultRecallLimit, nameof(options));
    }

    /// <summary>The scope every operation is bound to.</summary>
    public MemoryScope Scope => _scope;

    /// <summary>The options the toolbox was created with.</summary>
    public MemoryToolOptions Options => _options;

    /// <summary>Stores <paramref name="text"/> as a fact or an episode (merged into a very similar memory when one exists).</summary>
    /// <param name="text">The memory, as one self-contained sentence.</param>
    /// <param name="kind">"fact" (default) or "episode", in any case.</param>
    /// <param name="importance">0..1, or <see langword="null"/> to estimate it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<MemoryToolResult> RememberAsync(string text, string? kind = null, double? importance = null, CancellationToken cancellationToken = default)
    {
        if (!TryParseKind(kind, out var parsedKind))
        {
            return Refused(ToolMessages.BadKind(kind!));
        }

        try
        {
            var result = await _memory.RememberAsync(_scope, new NewMemory
            {
                Text = text,
                Kind = parsedKind,
                Importance = importance,
                Source = _options.Source,
            }, cancellationToken).ConfigureAwait(false);
            var status = result.Outcome == RememberOutcome.Merged ? MemoryToolStatus.Merged : MemoryToolStatus.Added;
            return new MemoryToolResult { Status = status, Memory = Describe(result.Memory) };
        }
        catch (MemoryInputException e)
        {
            return Refused(e.Message);
        }
    }

    /// <summary>Recalls the memories most relevant to <paramref name="query"/>, best first, each with its score explained.</summary>
    /// <param name="query">What to look for.</param>
    /// <param name="limit">How many; <see langword="null"/> for <see cref="MemoryToolOptions.DefaultRecallLimit"/>, clamped to 1..<see cref="MemoryToolOptions.MaxRecallLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<MemoryToolResult> RecallAsync(string query, int? limit = null, CancellationToken cancellationToken = default)
    {
        var options = new RecallOptions
        {
            Limit = Math.Clamp(limit ?? _options.DefaultRecallLimit, 1, _options.MaxRecallLimit),
            Explain = true,
            IncludeConnections = _options.IncludeConnections,
        };
        try
        {
            var result = await _memory.RecallAsync(_scope, query, options, cancellationToken).ConfigureAwait(false);
            return new MemoryToolResult { Status = MemoryToolStatus.Recalled, Memories = [.. result.Hits.Select(Describe)] };
        }
        catch (MemoryInputException e)
        {
            return Refused(e.Message);
        }
    }

    /// <summary>Replaces the text and/or the importance of the memory <paramref name="id"/> (re-embedding a new text).</summary>
    /// <param name="id">The memory's id as recall returned it.</param>
    /// <param name="text">The new text, or <see langword="null"/> to keep it.</param>
    /// <param name="importance">The new importance, or <see langword="null"/> to keep it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<MemoryToolResult> UpdateAsync(string id, string? text = null, double? importance = null, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(id, out var memoryId))
        {
            return Refused(ToolMessages.BadId(id ?? string.Empty));
        }

        if (text is null && importance is null)
        {
            return Refused(ToolMessages.NothingToUpdate);
        }

        try
        {
            var updated = await _memory.UpdateAsync(_scope, memoryId, new MemoryUpdate
            {
                Text = text,
                Importance = importance,
                Actor = _options.Actor,
            }, cancellationToken).ConfigureAwait(false);
            return new MemoryToolResult { Status = MemoryToolStatus.Updated, Memory = Describe(updated) };
        }
        catch (MemoryNotFoundException)
        {
            return NotFound(memoryId);
        }
        catch (MemoryInputException e)
        {
            return Refused(e.Message);
        }
    }

    /// <summary>Forgets the memory <paramref name="id"/> (erasing it physically when <see cref="MemoryToolOptions.EraseOnForget"/> is set).</summary>
    /// <param name="id">The memory's id as recall returned it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<MemoryToolResult> ForgetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(id, out var memoryId))
        {
            return Refused(ToolMessages.BadId(id ?? string.Empty));
        }

        var existing = await _memory.GetAsync(_scope, memoryId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return NotFound(memoryId);
        }

        var options = new ForgetOptions { Actor = _options.Actor, Erase = _options.EraseOnForget };
        return await _memory.ForgetAsync(_scope, memoryId, options, cancellationToken).ConfigureAwait(false)
            ? new MemoryToolResult { Status = MemoryToolStatus.Forgotten, Memory = Describe(existing) }
            : NotFound(memoryId);
    }

    /// <summary>The operations as Microsoft.Extensions.AI functions, with the shared names, descriptions and schemas.</summary>
    public IReadOnlyList<AIFunction> CreateFunctions()
    {
        var functions = new List<AIFunction>
        {
            Function(RememberFunction, MemoryToolNames.Remember, MemoryToolDescriptions.Remember),
            Function(RecallFunction, MemoryToolNames.Recall, MemoryToolDescriptions.Recall),
        };
        if (_options.AllowUpdate)
        {
            functions.Add(Function(UpdateFunction, MemoryToolNames.Update, MemoryToolDescriptions.Update));
        }

        if (_options.AllowForget)
        {
            functions.Add(Function(ForgetFunction, MemoryToolNames.Forget, MemoryToolDescriptions.Forget));
        }

        return functions;
    }

    private static AIFunction Function(Delegate method, string name, string description) =>
        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions { Name = name, Description = description });

    // The parameter descriptions a model reads; the public methods above carry the same parameters for .NET callers.
    private Task<MemoryToolResult> RememberFunction(
        [System.ComponentModel.Description(MemoryToolDescriptions.RememberText)] string text,
        [System.ComponentModel.Description(MemoryToolDescriptions.RememberKind)] string? kind = null,
        [System.ComponentModel.Description(MemoryToolDescriptions.Importance)] double? importance = null,
        CancellationToken cancellationToken = default) =>
        RememberAsync(text, kind, importance, cancellationToken);

    private Task<MemoryToolResult> RecallFunction(
        [System.ComponentModel.Description(MemoryToolDescriptions.RecallQuery)] string query,
        [System.ComponentModel.Description(MemoryToolDescriptions.RecallLimit)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        RecallAsync(query, limit, cancellationToken);

    private Task<MemoryToolResult> UpdateFunction(
        [System.ComponentModel.Description(MemoryToolDescriptions.Id)] string id,
        [System.ComponentModel.Description(MemoryToolDescriptions.UpdateText)] string? text = null,
        [System.ComponentModel.Description(MemoryToolDescriptions.Importance)] double? importance = null,
        CancellationToken cancellationToken = default) =>
        UpdateAsync(id, text, importance, cancellationToken);

    private Task<MemoryToolResult> ForgetFunction(
        [System.ComponentModel.Description(MemoryToolDescriptions.Id)] string id,
        CancellationToken cancellationToken = default) =>
        ForgetAsync(id, cancellationToken);

    private static bool TryParseKind(string? kind, out MemoryKind parsed)
    {
        parsed = MemoryKind.Fact;
        if (string.IsNullOrWhiteSpace(kind))
        {
            return true;
        }

        switch (kind.Trim().ToUpperInvariant())
        {
            case "FACT" or "SEMANTIC":
                return true;
            case "EPISODE" or "EPISODIC" or "EVENT":
                parsed = MemoryKind.Episode;
                return true;
            default:
                return false;
        }
    }

    private static ToolMemory Describe(MemoryRecord memory) =>
        new(memory.Id, memory.Text, KindName(memory.Kind), Math.Round(memory.Importance, 3), memory.OccurredAt);

    private static ToolMemory Describe(MemoryHit hit) =>
        Describe(hit.Memory) with
        {
            Score = Math.Round(hit.Score, 3),
            Why = hit.Components is { } components ? ToolMessages.Why(components) : null,
            ConnectedTo = hit.IsConnection ? hit.ConnectedFrom : null,
        };

    private static string KindName(MemoryKind kind) => kind == MemoryKind.Episode ? "episode" : "fact";

    private static MemoryToolResult Refused(string message) => new() { Status = MemoryToolStatus.Error, Error = message };

    private static MemoryToolResult NotFound(Guid id) => new() { Status = MemoryToolStatus.NotFound, Error = ToolMessages.NotFound(id) };
}
