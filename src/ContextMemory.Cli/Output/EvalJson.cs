using ContextMemory.Evaluation;

namespace ContextMemory.Cli.Output;

/// <summary>The <c>eval --json</c> document: one entry per configuration, as <see cref="EvaluationResult"/> serializes.</summary>
internal sealed class EvalJson
{
    public required IReadOnlyList<EvaluationResult> Configurations { get; init; }
}
