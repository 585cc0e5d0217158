namespace ContextMemory.Evaluation;

/// <summary>One timestamped turn of an evaluation conversation: what gets remembered.</summary>
/// <param name="Conversation">The conversation it belongs to (each is ingested into its own scope).</param>
/// <param name="Id">Its id, unique in the dataset; questions name their evidence by it.</param>
/// <param name="Speaker">Who said it.</param>
/// <param name="Time">When it was said.</param>
/// <param name="Text">What was said.</param>
public sealed record EvaluationTurn(string Conversation, string Id, string Speaker, DateTimeOffset Time, string Text);
