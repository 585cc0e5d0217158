using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Evaluation;

/// <summary>
/// Measures recall through the memory service. For each configuration: a fresh store, every conversation remembered
/// into its own scope (each turn an episode with its speaker and time), then every question recalled in its
/// conversation's scope (limit 10, no connections, last-accessed left alone so questions do not influence each other),
/// and recall@1/5/10 and MRR computed over the ranks of the first evidence turn. "Now" is fixed one day after the
/// dataset's latest turn.
/// </summary>
/// <remarks>Not thread-safe: one evaluation at a time per instance.</remarks>
public sealed class RetrievalEvaluator
{
    /// <summary>How many memories each question recalls (the deepest rank the metrics look at).</summary>
    public const int Depth = 10;

    private readonly Func<VectorStore> _createStore;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="createStore">Makes a new, empty store for each configuration; the evaluator disposes it afterwards.</param>
    /// <param name="embedder">The embedder every configuration uses.</param>
    public RetrievalEvaluator(Func<VectorStore> createStore, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        ArgumentNullException.ThrowIfNull(embedder);
        _createStore = createStore;
        _embedder = embedder;
    }

    /// <summary>Evaluates each configuration on the dataset.</summary>
    /// <param name="dataset">The turns and questions.</param>
    /// <param name="configurations">The configurations, evaluated in order.</param>
    /// <param name="progress">Told after every remembered conversation and every question; null for none.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>One result per configuration, in order.</returns>
    /// <exception cref="ArgumentException">No configuration, or no question.</exception>
    public async Task<IReadOnlyList<EvaluationResult>> EvaluateAsync(
        EvaluationDataset dataset, IReadOnlyList<EvaluationConfiguration> configurations, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(configurations);
        if (configurations.Count == 0)
        {
            throw new ArgumentException(EvaluationErrors.NoConfigurations, nameof(configurations));
        }

        if (dataset.Questions.Count == 0)
        {
            throw new ArgumentException(EvaluationErrors.NoQuestions, nameof(dataset));
        }

        var clock = new EvaluationClock(dataset.Turns.Count == 0 ? DateTimeOffset.UnixEpoch : dataset.Turns.Max(t => t.Time).AddDays(1));
        var steps = new ProgressSteps(progress, configurations.Count * (dataset.Turns.Count + dataset.Questions.Count));
        List<EvaluationResult> results = [];
        foreach (var configuration in configurations)
        {
            var ranks = await EvaluateOneAsync(dataset, configuration, clock, steps, cancellationToken).ConfigureAwait(false);
            results.Add(RetrievalMetrics.Summarize(configuration.Name, ranks));
        }

        return results;
    }

    private async Task<List<int?>> EvaluateOneAsync(
        EvaluationDataset dataset, EvaluationConfiguration configuration, TimeProvider clock, ProgressSteps steps, CancellationToken cancellationToken)
    {
        var options = new MemoryServiceOptions { UpdateLastAccessedOnRecall = false };
        configuration.Configure(options);
        using var store = _createStore();
        var service = new MemoryService(store, _embedder, options, clock);
        await using (service.ConfigureAwait(false))
        {
            var turnsOf = new Dictionary<Guid, HashSet<string>>();
            foreach (var conversation in dataset.Conversations)
            {
                var turns = dataset.Turns.Where(t => t.Conversation == conversation).ToList();
                var remembered = await service.RememberManyAsync(
                    ScopeOf(conversation),
                    turns.Select(t => new NewMemory { Text = t.Text, Kind = MemoryKind.Episode, OccurredAt = t.Time, Speaker = t.Speaker }),
                    cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < turns.Count; i++)
                {
                    var id = remembered[i].Memory.Id;
                    if (!turnsOf.TryGetValue(id, out var set))
                    {
                        turnsOf[id] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(turns[i].Id);
                }

                steps.Advance(configuration.Name, turns.Count);
            }

            List<int?> ranks = [];
            var recall = new RecallOptions { Limit = Depth, IncludeConnections = false };
            IReadOnlySet<string> none = new HashSet<string>();
            foreach (var question in dataset.Questions)
            {
                var result = await service.RecallAsync(ScopeOf(question.Conversation), question.Question, recall, cancellationToken).ConfigureAwait(false);
                var hitTurns = result.Hits.Select(h => turnsOf.TryGetValue(h.Memory.Id, out var set) ? set : none).ToList();
                ranks.Add(RetrievalMetrics.FirstRelevantRank(hitTurns, question.Evidence));
                steps.Advance(configuration.Name, 1);
            }

            return ranks;
        }
    }

    private static MemoryScope ScopeOf(string conversation) => MemoryScope.ForConversation(conversation);

    /// <summary>Counts steps and reports them.</summary>
    private sealed class ProgressSteps(IProgress<EvaluationProgress>? progress, int total)
    {
        private int _completed;

        public void Advance(string configuration, int steps)
        {
            _completed += steps;
            progress?.Report(new EvaluationProgress(configuration, _completed, total));
        }
    }
}
