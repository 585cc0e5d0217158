using System.Text.Json.Serialization;
using ContextMemory.Evaluation;

namespace ContextMemory.Cli.Output;

/// <summary>One configuration's figures in <c>eval --json</c>.</summary>
internal sealed class EvalConfigurationJson
{
    public required string Name { get; init; }

    public required int Questions { get; init; }

    [JsonPropertyName("recall@1")]
    public required double RecallAt1 { get; init; }

    [JsonPropertyName("recall@5")]
    public required double RecallAt5 { get; init; }

    [JsonPropertyName("recall@10")]
    public required double RecallAt10 { get; init; }

    public required double Mrr { get; init; }

    public static EvalConfigurationJson From(EvaluationResult result) => new()
    {
        Name = result.Name,
        Questions = result.Questions,
        RecallAt1 = Math.Round(result.RecallAt1, 4),
        RecallAt5 = Math.Round(result.RecallAt5, 4),
        RecallAt10 = Math.Round(result.RecallAt10, 4),
        Mrr = Math.Round(result.Mrr, 4),
    };
}
