namespace ContextMemory.Extraction;

/// <summary>The model's decision for one candidate: the candidate's index, the operation, the small id of an existing memory, a text.</summary>
internal sealed record ExtractionDecision(int Fact, ExtractionOperation Operation, int? Id, string? Text);
