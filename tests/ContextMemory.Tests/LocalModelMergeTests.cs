using ContextMemory.Embeddings.Onnx;
using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>
/// The merge threshold against the shipped local model: arctic-embed-xs puts unrelated sentences of one speaker at cosine
/// 0.74-0.86 and paraphrases at 0.93-0.99, so distinct facts must stay apart and a restatement must merge.
/// </summary>
public sealed class LocalModelMergeTests : IDisposable
{
    private static readonly MemoryScope Dana = MemoryScope.ForUser("dana");

    private static readonly string[] DistinctFacts =
    [
        "Hi! My name is Dana and I work as a marine biologist in Lisbon.",
        "My dog is a three-year-old border collie called Biscuit.",
        "I'm allergic to peanuts, so please never suggest satay.",
        "Next month I'm presenting my research on octopus camouflage at a conference in Oslo.",
        "I usually go running by the river before work.",
    ];

    private readonly MemoryHarness _harness = new(embedder: new OnnxEmbeddingGenerator());

    [Fact]
    public async Task Distinct_statements_of_one_speaker_are_kept_apart()
    {
        foreach (var text in DistinctFacts)
        {
            var result = await _harness.Service.RememberAsync(Dana, new NewMemory { Text = text, Kind = MemoryKind.Episode, Speaker = "user" });
            Assert.Equal(RememberOutcome.Added, result.Outcome);
        }

        var all = await _harness.Service.ListAsync(Dana);
        Assert.Equal(DistinctFacts.Order(StringComparer.Ordinal), all.Items.Select(m => m.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_restatement_of_a_fact_merges_into_it()
    {
        var first = await _harness.Service.RememberAsync(Dana, new NewMemory { Text = DistinctFacts[0], Speaker = "user" });
        await _harness.Service.RememberAsync(Dana, new NewMemory { Text = DistinctFacts[1], Speaker = "user" });

        var again = await _harness.Service.RememberAsync(Dana, new NewMemory { Text = "My name is Dana and I'm a marine biologist based in Lisbon.", Speaker = "user" });

        Assert.Equal(RememberOutcome.Merged, again.Outcome);
        Assert.Equal(first.Memory.Id, again.Memory.Id);
        Assert.Equal(2, again.Memory.MergedCount);
        Assert.Equal(2, (await _harness.Service.ListAsync(Dana)).Items.Count);
    }

    public void Dispose() => _harness.Dispose();
}
