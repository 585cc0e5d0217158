using System.Text.Json.Serialization;

namespace ContextMemory.Evaluation;

/// <summary>
/// The figures of one configuration. Recall@k is recall_any: the share of questions for which at least one evidence turn
/// is among the first k recalled memories (0..1). MRR is the mean of 1/rank of the first evidence turn (0 when none is in
/// the first 10). Serializes as <c>{name, questions, recall@1, recall@5, recall@10, mrr}</c>.
/// </summary>
public sealed class EvaluationResult
{
    /// <summary>The configuration's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>How many questions were asked.</summary>
    [JsonPropertyName("questions")]
    public required int Questions { get; init; }

    /// <summary>Recall@1.</summary>
    [JsonPropertyName("recall@1")]
    public required double RecallAt1 { get; init; }

    /// <summary>Recall@5.</summary>
    [JsonPropertyName("recall@5")]
    public required double RecallAt5 { get; init; }

    /// <summary>Recall@10.</summary>
    [JsonPropertyName("recall@10")]
    public required double RecallAt10 { get; init; }

    /// <summary>Mean reciprocal rank over the first 10.</summary>
    [JsonPropertyName("mrr")]
    public required double Mrr { get; init; }
}
