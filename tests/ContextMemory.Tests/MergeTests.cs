using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>A near-duplicate in the same scope and of the same kind merges instead of adding.</summary>
public sealed class MergeTests : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private MemoryHarness? _harness;

    public void Dispose() => _harness?.Dispose();

    [Fact]
    public async Task Remembering_the_same_fact_twice_merges_it_counts_it_and_writes_a_merge_row()
    {
        var service = Open(new MemoryServiceOptions());
        var first = await service.RememberAsync(Ann, new NewMemory { Text = "ann works as a nurse", Importance = 0.4, Tags = ["job"] });
        _harness!.Time.Advance(TimeSpan.FromHours(2));

        var second = await service.RememberAsync(Ann, new NewMemory { Text = "ann works as a nurse", Importance = 0.8, Tags = ["work"] });

        Assert.Equal(RememberOutcome.Merged, second.Outcome);
        Assert.Equal(first.Memory.Id, second.Memory.Id);
        Assert.Equal(2, second.Memory.MergedCount);
        Assert.Equal(0.8, second.Memory.Importance);
        Assert.Equal(["job", "work"], second.Memory.Tags);
        Assert.Equal(MemoryHarness.Start.AddHours(2), second.Memory.UpdatedAt);
        Assert.Single((await service.ListAsync(Ann)).Items);
        var history = await service.GetHistoryAsync(Ann, first.Memory.Id);
        Assert.Equal([HistoryAction.Add, HistoryAction.Merge], history.Select(h => h.Action));
        Assert.Equal(("ann works as a nurse", "ann works as a nurse"), (history[1].OldText, history[1].NewText));
    }

    [Fact]
    public async Task A_memory_that_may_not_merge_is_added_beside_its_twin_and_still_connected()
    {
        var service = Open(new MemoryServiceOptions());
        var first = await service.RememberAsync(Ann, new NewMemory { Text = "ann works as a nurse", Kind = MemoryKind.Episode });

        var second = await service.RememberAsync(Ann, new NewMemory { Text = "ann works as a nurse", Kind = MemoryKind.Episode, MergeWithSimilar = false });

        Assert.Equal(RememberOutcome.Added, second.Outcome);
        Assert.NotEqual(first.Memory.Id, second.Memory.Id);
        Assert.Equal(2, (await service.ListAsync(Ann)).Items.Count);
        Assert.Contains(first.Memory.Id, second.Memory.Connections);
    }

    [Fact]
    public async Task The_merge_threshold_decides_between_merge_and_add()
    {
        const string a = "ann likes hiking in the mountains on sunny weekends";
        const string b = "ann likes hiking in the mountains on rainy weekends";
        var similarity = Cosine.OfWords(a, b);
        Assert.InRange(similarity, 0.8, 0.95);

        var service = Open(new MemoryServiceOptions { MergeThreshold = similarity + 0.001 });
        await service.RememberAsync(Ann, new NewMemory { Text = a });
        Assert.Equal(RememberOutcome.Added, (await service.RememberAsync(Ann, new NewMemory { Text = b })).Outcome);

        await _harness!.ReopenAsync(new MemoryServiceOptions { MergeThreshold = similarity - 0.001, MergeText = MergeTextPolicy.Append });
        var merged = await _harness.Service.RememberAsync(Ann, new NewMemory { Text = b + " too" });
        Assert.Equal(RememberOutcome.Merged, merged.Outcome);
    }

    [Theory]
    [InlineData(MergeTextPolicy.Replace, "the office is on floor 3 now")]
    [InlineData(MergeTextPolicy.Keep, "the office is on floor 3")]
    [InlineData(MergeTextPolicy.Append, "the office is on floor 3\nthe office is on floor 3 now")]
    public async Task The_text_policy_decides_the_merged_text(MergeTextPolicy policy, string expected)
    {
        var service = Open(new MemoryServiceOptions { MergeThreshold = 0.8, MergeText = policy });
        await service.RememberAsync(Ann, new NewMemory { Text = "the office is on floor 3" });

        var merged = await service.RememberAsync(Ann, new NewMemory { Text = "the office is on floor 3 now" });

        Assert.Equal(RememberOutcome.Merged, merged.Outcome);
        Assert.Equal(expected, merged.Memory.Text);
        Assert.Equal(expected, (await service.GetHistoryAsync(Ann, merged.Memory.Id))[^1].NewText);
    }

    [Fact]
    public async Task The_average_policy_keeps_the_normalised_point_four_point_six_average_of_the_vectors()
    {
        const string older = "the office is on floor 3";
        const string newer = "the office is on floor 3 now";
        var service = Open(new MemoryServiceOptions { MergeThreshold = 0.8, MergeVector = MergeVectorPolicy.Average });
        await service.RememberAsync(Ann, new NewMemory { Text = older });
        await service.RememberAsync(Ann, new NewMemory { Text = newer });

        var exported = await service.ExportAsync(Ann).SingleAsync();

        var o = Unit(ScriptedEmbeddingGenerator.WordCounts(older, MemoryHarness.Dimensions));
        var n = Unit(ScriptedEmbeddingGenerator.WordCounts(newer, MemoryHarness.Dimensions));
        var expected = Unit([.. o.Zip(n, (x, y) => (0.4f * x) + (0.6f * y))]);
        var actual = exported.Embedding!.Value.ToArray();
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 5));
    }

    [Fact]
    public async Task Memories_of_another_kind_or_another_exact_scope_never_merge()
    {
        var service = Open(new MemoryServiceOptions());
        await service.RememberAsync(Ann, new NewMemory { Text = "went to the dentist" });

        var episode = await service.RememberAsync(Ann, new NewMemory { Text = "went to the dentist", Kind = MemoryKind.Episode });
        var inConversation = await service.RememberAsync(Ann.WithConversation("c1"), new NewMemory { Text = "went to the dentist" });
        var bob = await service.RememberAsync(MemoryScope.ForUser("bob"), new NewMemory { Text = "went to the dentist" });

        Assert.All([episode, inConversation, bob], r => Assert.Equal(RememberOutcome.Added, r.Outcome));
    }

    [Fact]
    public async Task A_batch_merges_a_later_duplicate_into_an_earlier_memory_of_the_same_batch()
    {
        var service = Open(new MemoryServiceOptions());

        var results = await service.RememberManyAsync(Ann, [new NewMemory { Text = "buy oat milk" }, new NewMemory { Text = "buy oat milk" }]);

        Assert.Equal([RememberOutcome.Added, RememberOutcome.Merged], results.Select(r => r.Outcome));
        Assert.Equal(results[0].Memory.Id, results[1].Memory.Id);
    }

    private MemoryService Open(MemoryServiceOptions options)
    {
        _harness = new MemoryHarness(options);
        return _harness.Service;
    }

    private static float[] Unit(float[] v)
    {
        var norm = (float)Math.Sqrt(v.Sum(x => (double)x * x));
        return [.. v.Select(x => x / norm)];
    }
}
