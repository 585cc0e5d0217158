using ContextMemory.Evaluation;
using ContextMemory.Tests.Support;

namespace ContextMemory.Tests.Evaluation;

/// <summary>The evaluator end to end with the real local model, over the in-memory store (no keyword search) and FAISS.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class RetrievalEvaluatorTests(LocalModel model)
{
    private static readonly EvaluationDataset Tiny = new(
        [
            Turn("home", "h1", "ann", 1, "We adopted a grey kitten from the shelter."),
            Turn("home", "h2", "ann", 2, "The boiler broke and the plumber comes on Monday."),
            Turn("home", "h3", "ann", 3, "I repainted the kitchen a pale green."),
            Turn("work", "w1", "bob", 1, "The quarterly budget review moved to Thursday."),
            Turn("work", "w2", "bob", 2, "Our new intern starts next week in the design team."),
        ],
        [
            new("home", "Which animal joined the family?", ["h1"]),
            new("home", "Who is coming to repair the heating?", ["h2"]),
            new("work", "When is the meeting about the finances?", ["w1"]),
            // Evidence of another conversation: its scope can never return it, so this one must miss.
            new("work", "Which animal joined the family?", ["h1"]),
        ]);

    [Fact]
    public async Task Paraphrased_questions_find_their_turns_and_another_conversations_turn_is_never_found()
    {
        var evaluator = new RetrievalEvaluator(() => new InMemoryVectorStore(), model.Generator);
        var configuration = new EvaluationConfiguration("vector", o => o.Retrieval = RetrievalMode.Vector);

        var result = Assert.Single(await evaluator.EvaluateAsync(Tiny, [configuration]));

        Assert.Equal(("vector", 4), (result.Name, result.Questions));
        Assert.Equal(0.75, result.RecallAt1);
        Assert.Equal(0.75, result.RecallAt10);
        Assert.Equal(0.75, result.Mrr);
    }

    [Fact]
    public async Task Every_configuration_gets_a_result_and_progress_reaches_the_total()
    {
        var directory = Directory.CreateTempSubdirectory("cm-eval-");
        try
        {
            var stores = 0;
            var evaluator = new RetrievalEvaluator(
                () => new ContextMemory.VectorStore.FaissVectorStore(Path.Combine(directory.FullName, $"s{++stores}")), model.Generator);
            List<EvaluationProgress> reports = [];
            var progress = new SynchronousProgress(reports.Add);
            EvaluationConfiguration[] configurations = [EvaluationConfiguration.Standard[0], EvaluationConfiguration.Standard[3]];

            var results = await evaluator.EvaluateAsync(Tiny, configurations, progress);

            Assert.Equal(configurations.Select(c => c.Name), results.Select(r => r.Name));
            Assert.Equal(2, stores);
            Assert.Equal(2 * (5 + 4), reports[^1].Completed);
            Assert.All(reports, r => Assert.Equal(2 * (5 + 4), r.Total));
            Assert.Equal(0.75, results[0].RecallAt10);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static EvaluationTurn Turn(string conversation, string id, string speaker, int day, string text) =>
        new(conversation, id, speaker, new DateTimeOffset(2026, 3, day, 9, 0, 0, TimeSpan.Zero), text);

    private sealed class SynchronousProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
