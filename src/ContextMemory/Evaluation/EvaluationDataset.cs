namespace ContextMemory.Evaluation;

/// <summary>
/// A retrieval evaluation dataset: timestamped conversation turns and questions whose answers are some of those turns.
/// The JSONL format is documented in docs/evaluation.md; <see cref="EvaluationDatasetReader"/> reads it.
/// </summary>
/// <param name="Turns">The turns, in file order.</param>
/// <param name="Questions">The questions, in file order.</param>
public sealed record EvaluationDataset(IReadOnlyList<EvaluationTurn> Turns, IReadOnlyList<EvaluationQuestion> Questions)
{
    /// <summary>The conversation ids, in order of first appearance.</summary>
    public IReadOnlyList<string> Conversations => [.. Turns.Select(t => t.Conversation).Distinct(StringComparer.Ordinal)];
}
