namespace ContextMemory.Extraction;

/// <summary>A fact the model found in the conversation, with the importance it gave (clamped), if any.</summary>
internal sealed record CandidateFact(string Text, double? Importance);
