using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace ContextMemory.Cli.Mcp;

/// <summary>
/// The memory tools the MCP server lists, bound to one scope when they are created: none takes a scope, so the
/// calling model cannot choose whose memories it touches. Inputs are checked by the memory layer (a bad one is a
/// tool error the client sees, never a crash).
/// </summary>
internal sealed class ScopedMemoryFunctions(MemoryService memory, MemoryScope scope)
{
    public IReadOnlyList<AIFunction> Create() =>
    [
        AIFunctionFactory.Create(RememberAsync, "remember", "Store a durable fact or event about the user for later conversations. Returns the memory's id and whether it was added or merged into a similar one."),
        AIFunctionFactory.Create(RecallAsync, "recall", "Recall the stored memories most relevant to a query, best first, each with its score."),
        AIFunctionFactory.Create(ForgetAsync, "forget", "Forget one stored memory by its id (as recall returns it)."),
    ];

    private async Task<RememberedMemory> RememberAsync(
        [Description("The fact or event to remember, as one self-contained sentence.")] string text,
        [Description("'fact' (default) for something lasting, 'episode' for something that happened.")] string? kind = null,
        [Description("How much it matters, 0..1; omit to estimate.")] double? importance = null,
        [Description("Optional tags.")] string[]? tags = null,
        CancellationToken cancellationToken = default)
    {
        var result = await memory.RememberAsync(scope, new NewMemory
        {
            Text = text,
            Kind = kind is null ? MemoryKind.Fact : MemoryKinds.Parse(kind),
            Importance = importance,
            Tags = tags,
            Source = "mcp",
        }, cancellationToken).ConfigureAwait(false);
        return new RememberedMemory(result.Memory.Id, result.Outcome == RememberOutcome.Merged ? "merged" : "added");
    }

    private async Task<IReadOnlyList<RecalledMemory>> RecallAsync(
        [Description("What to look for.")] string query,
        [Description("How many memories, 1..20 (default 5).")] int limit = 5,
        CancellationToken cancellationToken = default)
    {
        var result = await memory.RecallAsync(scope, query, new RecallOptions { Limit = Math.Clamp(limit, 1, 20) }, cancellationToken).ConfigureAwait(false);
        return [.. result.Hits.Select(hit => new RecalledMemory(hit.Memory.Id, hit.Memory.Text, MemoryKinds.Name(hit.Memory.Kind), hit.Score, hit.Memory.OccurredAt))];
    }

    private async Task<bool> ForgetAsync([Description("The memory's id.")] Guid id, CancellationToken cancellationToken = default) =>
        await memory.ForgetAsync(scope, id, new ForgetOptions { Actor = "mcp" }, cancellationToken).ConfigureAwait(false);

    internal sealed record RememberedMemory(Guid Id, string Outcome);

    internal sealed record RecalledMemory(Guid Id, string Text, string Kind, double Score, DateTimeOffset OccurredAt);
}
