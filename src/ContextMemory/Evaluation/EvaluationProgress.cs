namespace ContextMemory.Evaluation;

/// <summary>How far an evaluation is: steps are remembered turns plus asked questions, over all configurations.</summary>
/// <param name="Configuration">The configuration being evaluated.</param>
/// <param name="Completed">Steps done so far.</param>
/// <param name="Total">Steps in the whole evaluation.</param>
public sealed record EvaluationProgress(string Configuration, int Completed, int Total);
