using ContextMemory.Extraction;
using ContextMemory.Tests.Support;
using static ContextMemory.Tests.Extraction.ExtractionScript;

namespace ContextMemory.Tests.Extraction;

/// <summary>
/// With the real local model, a fact that shares no words but the name with the memory it revises is shown that memory
/// rather than memories sharing more of its words.
/// </summary>
[Collection(LocalModelGroup.Name)]
public sealed class ExtractionMeaningTests(LocalModel model) : ExtractionTestBase(model.Generator)
{
    private static readonly string[] Known =
    [
        "Ann lives in Paris.",
        "Ann is allergic to peanuts.",
        "Ann drives a blue electric car.",
        "Ann plays the cello in a community orchestra.",
        "Ann works night shifts at the hospital.",

        // Decoys sharing words, not meaning, with the new facts: a word-overlap embedder shows these (or the peanuts for the move) instead.
        "Ann moved the old sofa to the garage.",
        "Ann cannot swim.",
    ];

    [Fact]
    public async Task A_paraphrased_fact_is_shown_the_memory_it_revises_and_updates_it()
    {
        var known = await Harness.Service.RememberManyAsync(Ann, Known.Select(k => new NewMemory { Text = k, Importance = 0.5 }));
        var extractor = new MemoryExtractor(Harness.Service, Model(
            """{"items":[{"text":"Ann relocated to Lisbon last month.","importance":0.8},{"text":"Nuts make Ann ill.","importance":0.9}]}""",
            request =>
            {
                var ids = ShownIds(request);
                return ids.TryGetValue("Ann lives in Paris.", out var home) && ids.TryGetValue("Ann is allergic to peanuts.", out var nuts)
                    ? $$"""{"items":[{"fact":0,"event":"UPDATE","id":{{home}},"text":"Ann lives in Lisbon."},{"fact":1,"event":"NONE","id":{{nuts}}}]}"""
                    : """{"items":[]}""";
            }), new MemoryExtractionOptions { SimilarPerFact = 1 });

        var result = await extractor.ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Problems);
        Assert.Equal((1, 1, 0), (result.Updated, result.Unchanged, result.Added));
        Assert.Equal("Ann lives in Lisbon.", (await Harness.Service.GetAsync(Ann, known[0].Memory.Id))!.Text);
        Assert.Equal(known[1].Memory.Id, result.Actions.Single(a => a.Operation == ExtractionOperation.None).MemoryId);
        Assert.Equal(Known.Length, (await Harness.Service.ListAsync(Ann)).Items.Count);
    }
}
