namespace AgentPipeline;

/// <summary>A memory or a reference note as a tool returned it to the model.</summary>
/// <param name="Id">The memory's id (absent for a note).</param>
/// <param name="Text">The text.</param>
/// <param name="Score">The recall or search score, higher is more relevant (absent for a stored memory).</param>
/// <param name="Topic">A note's topic (absent for a memory).</param>
/// <param name="Status">For a stored memory, the remember result's status ("added" or "merged").</param>
internal sealed record ToolItem(string? Id, string Text, double? Score, string? Topic, string? Status);
