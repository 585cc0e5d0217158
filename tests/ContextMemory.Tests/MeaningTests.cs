using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Recall by meaning with the real local model over a real FAISS store: no shared words needed.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class MeaningTests(LocalModel model) : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private static readonly string[] Facts =
    [
        "Ann is allergic to peanuts.",
        "Ann's daughter starts school in September.",
        "Ann drives a blue electric car.",
        "Ann plays the cello in a community orchestra.",
        "Ann works night shifts at the hospital.",
    ];

    private readonly MemoryHarness _harness = new(embedder: model.Generator);

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("Which foods should be avoided when cooking for her?", 0)]
    [InlineData("What instrument does she play?", 3)]
    [InlineData("What vehicle does she own?", 2)]
    [InlineData("When does she work?", 4)]
    public async Task The_memory_that_answers_a_paraphrased_question_is_recalled_first(string question, int expected)
    {
        var added = await _harness.Service.RememberManyAsync(Ann, Facts.Select(f => new NewMemory { Text = f, Importance = 0.5 }));

        var hits = (await _harness.Service.RecallAsync(Ann, question, new RecallOptions { Limit = 3 })).Hits;

        Assert.Equal(added[expected].Memory.Id, hits[0].Memory.Id);
    }

    [Fact]
    public async Task Distinct_facts_about_one_person_do_not_merge_and_a_restatement_does()
    {
        var added = await _harness.Service.RememberManyAsync(Ann, Facts.Select(f => new NewMemory { Text = f }));

        var restated = await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "Ann is allergic to peanuts!" });

        Assert.All(added, r => Assert.Equal(RememberOutcome.Added, r.Outcome));
        Assert.Equal(RememberOutcome.Merged, restated.Outcome);
        Assert.Equal(added[0].Memory.Id, restated.Memory.Id);
    }

    [Fact]
    public async Task The_store_records_the_local_models_id_and_dimension()
    {
        await _harness.Service.RememberAsync(Ann, new NewMemory { Text = Facts[0] });

        var statistics = await _harness.Service.GetStatisticsAsync();

        Assert.Equal(384, statistics.Dimensions);
        Assert.Contains("arctic", statistics.EmbeddingModelId, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_episode_connects_to_an_earlier_one_about_the_same_event_and_not_to_others()
    {
        async Task<MemoryRecord> Episode(string text) =>
            (await _harness.Service.RememberAsync(Ann, new NewMemory { Text = text, Kind = MemoryKind.Episode, Speaker = "user" })).Memory;
        var tooth = await Episode("My daughter lost her first tooth this morning.");
        var kitchen = await Episode("The kitchen renovation starts on Monday.");
        await Episode("I started training for the half marathon in October.");

        var fairy = await Episode("The tooth fairy left my daughter a coin last night.");
        var builders = await Episode("The builders tore out the old kitchen cabinets today.");

        Assert.Equal([tooth.Id], fairy.Connections);
        Assert.Equal([kitchen.Id], builders.Connections);
    }
}
