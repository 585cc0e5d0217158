namespace ContextMemory.Evaluation;

/// <summary>A question about one conversation, with the turns that answer it.</summary>
/// <param name="Conversation">The conversation (scope) it is asked in.</param>
/// <param name="Question">The question, as a user would ask it.</param>
/// <param name="Evidence">The ids of the turns that answer it; recalling any one of them counts as a hit.</param>
public sealed record EvaluationQuestion(string Conversation, string Question, IReadOnlyList<string> Evidence);
