namespace AgentPipeline;

/// <summary>What the search_notes tool returns for one note: compact and JSON-friendly.</summary>
/// <param name="City">The note's city.</param>
/// <param name="Topic">The note's topic.</param>
/// <param name="Text">The note.</param>
/// <param name="Score">Cosine similarity to the query, higher is closer.</param>
internal sealed record NoteHit(string City, string Topic, string Text, double Score);
