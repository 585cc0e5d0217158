namespace ContextMemory.Tools;

/// <summary>A memory as a tool returns it to a model: compact and JSON-friendly.</summary>
/// <param name="Id">The memory's id, to pass to update or forget.</param>
/// <param name="Text">The memory's text.</param>
/// <param name="Kind">"fact" or "episode".</param>
/// <param name="Importance">The importance, 0..1.</param>
/// <param name="OccurredAt">When it happened (for a fact: when it was stored).</param>
/// <param name="Score">The recall score, 0..1, higher is more relevant; absent outside recall.</param>
/// <param name="Why">The score's components in a few words (e.g. "similarity 0.82, importance 0.70, recency 0.95"); absent outside recall.</param>
/// <param name="ConnectedTo">For a connected episode, the id of the hit it was linked to; otherwise absent.</param>
public sealed record ToolMemory(
    Guid Id,
    string Text,
    string Kind,
    double Importance,
    DateTimeOffset OccurredAt,
    double? Score = null,
    string? Why = null,
    Guid? ConnectedTo = null);
