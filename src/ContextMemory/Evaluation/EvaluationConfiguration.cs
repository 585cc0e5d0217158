namespace ContextMemory.Evaluation;

/// <summary>One configuration of the memory service to evaluate: a name and the options it changes from the defaults.</summary>
/// <param name="Name">The name the results carry.</param>
/// <param name="Configure">Changes a fresh <see cref="MemoryServiceOptions"/> (the defaults) into this configuration.</param>
public sealed record EvaluationConfiguration(string Name, Action<MemoryServiceOptions> Configure)
{
    /// <summary>
    /// The standard comparison: retrieval (vector, keyword, hybrid at three keyword weights), scoring (similarity only,
    /// the seed's product with and without a recency floor, Generative Agents), and the embedded-text context (none,
    /// speaker, speaker and time).
    /// </summary>
    public static IReadOnlyList<EvaluationConfiguration> Standard { get; } =
    [
        new("defaults", _ => { }),
        Of("vector, similarity, no context", RetrievalMode.Vector, ScoringMethod.RelevanceOnly, MemoryTextContext.None),
        Of("vector, similarity, speaker", RetrievalMode.Vector, ScoringMethod.RelevanceOnly, MemoryTextContext.Speaker),
        Of("vector, similarity, speaker+time", RetrievalMode.Vector, ScoringMethod.RelevanceOnly, MemoryTextContext.Speaker | MemoryTextContext.Time),
        Of("keyword, similarity, speaker", RetrievalMode.Keyword, ScoringMethod.RelevanceOnly, MemoryTextContext.Speaker),
        Of("hybrid 0.10, similarity, speaker", RetrievalMode.Hybrid, ScoringMethod.RelevanceOnly, MemoryTextContext.Speaker, keywordWeight: 0.10),
        Of("hybrid 0.25, similarity, speaker", RetrievalMode.Hybrid, ScoringMethod.RelevanceOnly, MemoryTextContext.Speaker, keywordWeight: 0.25),
        Of("hybrid 0.50, similarity, speaker", RetrievalMode.Hybrid, ScoringMethod.RelevanceOnly, MemoryTextContext.Speaker, keywordWeight: 0.50),
        Of("hybrid 0.25, seed product, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker),
        Of("hybrid 0.25, seed product floor 0.5, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, recencyFloor: 0.5),
        Of("hybrid 0.25, generative agents, speaker", RetrievalMode.Hybrid, ScoringMethod.GenerativeAgents, MemoryTextContext.Speaker),
        Of("vector, seed product, speaker", RetrievalMode.Vector, ScoringMethod.Product, MemoryTextContext.Speaker),
        Of("hybrid 0.10, similarity, speaker+time", RetrievalMode.Hybrid, ScoringMethod.RelevanceOnly, SpeakerTime, keywordWeight: 0.10),
        Of("hybrid 0.10, seed product, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, keywordWeight: 0.10),
        Of("hybrid 0.10, seed product floor 0.8, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, keywordWeight: 0.10, recencyFloor: 0.8),
        Of("hybrid 0.10, product importance^0.25 floor 0.5, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, keywordWeight: 0.10, recencyFloor: 0.5, importanceWeight: 0.25),
        Of("hybrid 0.10, product importance^0.25 floor 0.8, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, keywordWeight: 0.10, recencyFloor: 0.8, importanceWeight: 0.25),
        Of("hybrid 0.10, product importance^0.1 floor 0.8, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, keywordWeight: 0.10, recencyFloor: 0.8, importanceWeight: 0.1),
        Of("hybrid 0.10, product importance^0.25 recency^0.25, speaker", RetrievalMode.Hybrid, ScoringMethod.Product, MemoryTextContext.Speaker, keywordWeight: 0.10, importanceWeight: 0.25, recencyWeight: 0.25),
        Of("hybrid 0.10, generative agents, speaker", RetrievalMode.Hybrid, ScoringMethod.GenerativeAgents, MemoryTextContext.Speaker, keywordWeight: 0.10),
    ];

    private const MemoryTextContext SpeakerTime = MemoryTextContext.Speaker | MemoryTextContext.Time;

    private static EvaluationConfiguration Of(
        string name, RetrievalMode retrieval, ScoringMethod scoring, MemoryTextContext context, double keywordWeight = 0.25, double recencyFloor = 0,
        double importanceWeight = 1, double recencyWeight = 1) =>
        new(name, o =>
        {
            o.Retrieval = retrieval;
            o.EmbeddedContext = context;
            o.Scoring.Method = scoring;
            o.Scoring.KeywordWeight = keywordWeight;
            o.Scoring.RecencyFloor = recencyFloor;
            o.Scoring.ImportanceWeight = importanceWeight;
            o.Scoring.RecencyWeight = recencyWeight;
        });
}
