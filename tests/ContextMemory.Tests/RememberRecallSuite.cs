using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Remember, recall, get, list, update and forget; runs over every store (see the derived classes).</summary>
public abstract class RememberRecallSuite : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private static readonly string[] Topics = ["gardens", "trains", "clouds", "violins", "lemons"];

    private readonly MemoryHarness _harness;

    protected RememberRecallSuite(Func<string, Microsoft.Extensions.VectorData.VectorStore> openStore) => _harness = new MemoryHarness(openStore: openStore);

    private MemoryService Service => _harness.Service;

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_remembered_fact_is_recalled_first_by_a_query_sharing_its_words()
    {
        var tea = await Service.RememberAsync(Ann, new NewMemory { Text = "ann drinks green tea every morning", Importance = 0.5 });
        await Service.RememberAsync(Ann, new NewMemory { Text = "the car needs new tyres before winter", Importance = 0.5 });

        var recalled = await Service.RecallAsync(Ann, "what tea does ann drink", new RecallOptions { Explain = true });

        Assert.Equal(RememberOutcome.Added, tea.Outcome);
        Assert.Equal(tea.Memory.Id, recalled.Hits[0].Memory.Id);
        Assert.Equal("ann drinks green tea every morning", recalled.Hits[0].Memory.Text);
        Assert.NotNull(recalled.Hits[0].Components);
        Assert.True(recalled.Hits[0].Score > recalled.Hits[1].Score);
    }

    [Fact]
    public async Task Get_returns_the_memory_with_every_attribute_as_remembered()
    {
        var occurred = MemoryHarness.Start.AddDays(-3);
        var added = await Service.RememberAsync(Ann, new NewMemory
        {
            Text = "we planned the trip to Lisbon",
            Kind = MemoryKind.Episode,
            Importance = 0.7,
            OccurredAt = occurred,
            Tags = ["travel", "plans"],
            Source = "chat",
            Speaker = "user",
            ConversationTitle = "Holidays",
        });

        var got = await Service.GetAsync(Ann, added.Memory.Id);

        Assert.NotNull(got);
        Assert.Equal("we planned the trip to Lisbon", got.Text);
        Assert.Equal(MemoryKind.Episode, got.Kind);
        Assert.Equal(0.7, got.Importance);
        Assert.Equal(occurred, got.OccurredAt);
        Assert.Equal(MemoryHarness.Start, got.CreatedAt);
        Assert.Equal(["travel", "plans"], got.Tags);
        Assert.Equal("chat", got.Source);
        Assert.Equal("user", got.Speaker);
        Assert.Equal("Holidays", got.ConversationTitle);
        Assert.Equal(Ann, got.Scope);
        Assert.Equal(1, got.MergedCount);
        Assert.Null(got.Embedding);
    }

    [Fact]
    public async Task List_pages_newest_first_and_reports_whether_more_follow()
    {
        for (var i = 0; i < 5; i++)
        {
            await Service.RememberAsync(Ann, new NewMemory { Text = $"note {i} about {Topics[i]}" });
            _harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await Service.ListAsync(Ann, new ListOptions { Take = 2 });
        var last = await Service.ListAsync(Ann, new ListOptions { Skip = 4, Take = 2 });

        Assert.Equal(["note 4 about lemons", "note 3 about violins"], first.Items.Select(m => m.Text));
        Assert.True(first.HasMore);
        Assert.Equal(["note 0 about gardens"], last.Items.Select(m => m.Text));
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task List_filters_by_kind_tag_source_and_time()
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = "fact about apples", Tags = ["fruit"], Source = "a" });
        await Service.RememberAsync(Ann, new NewMemory { Text = "episode about pears", Kind = MemoryKind.Episode, Tags = ["fruit"], OccurredAt = MemoryHarness.Start.AddDays(-10) });
        await Service.RememberAsync(Ann, new NewMemory { Text = "fact about bikes", Tags = ["sport"], Source = "b" });

        async Task<string[]> Texts(MemoryFilter filter) =>
            [.. (await Service.ListAsync(Ann, new ListOptions { Filter = filter })).Items.Select(m => m.Text).Order()];

        Assert.Equal(["episode about pears"], await Texts(new MemoryFilter { Kinds = [MemoryKind.Episode] }));
        Assert.Equal(["episode about pears", "fact about apples"], await Texts(new MemoryFilter { Tags = ["fruit"] }));
        Assert.Equal(["fact about bikes"], await Texts(new MemoryFilter { Source = "b" }));
        Assert.Equal(["episode about pears"], await Texts(new MemoryFilter { To = MemoryHarness.Start.AddDays(-1) }));
        Assert.Equal(3, (await Texts(new MemoryFilter { Kinds = [MemoryKind.Fact, MemoryKind.Episode] })).Length);
    }

    [Fact]
    public async Task Recall_filters_by_kind_tags_and_time_range()
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = "coffee fact", Tags = ["drinks"] });
        await Service.RememberAsync(Ann, new NewMemory { Text = "coffee episode old", Kind = MemoryKind.Episode, OccurredAt = MemoryHarness.Start.AddDays(-30) });
        await Service.RememberAsync(Ann, new NewMemory { Text = "coffee episode new", Kind = MemoryKind.Episode, OccurredAt = MemoryHarness.Start.AddDays(-1) });

        async Task<string[]> Texts(RecallOptions options) =>
            [.. (await Service.RecallAsync(Ann, "coffee", options.IncludeConnections ? new RecallOptions { Kinds = options.Kinds, Tags = options.Tags, From = options.From, To = options.To, IncludeConnections = false } : options)).Hits.Select(h => h.Memory.Text).Order()];

        Assert.Equal(["coffee fact"], await Texts(new RecallOptions { Kinds = [MemoryKind.Fact] }));
        Assert.Equal(["coffee fact"], await Texts(new RecallOptions { Tags = ["drinks"] }));
        Assert.Equal(["coffee episode new"], await Texts(new RecallOptions { From = MemoryHarness.Start.AddDays(-7), Kinds = [MemoryKind.Episode] }));
        Assert.Equal(["coffee episode old"], await Texts(new RecallOptions { To = MemoryHarness.Start.AddDays(-7) }));
    }

    [Fact]
    public async Task Forget_removes_the_memory_and_a_second_forget_reports_nothing_to_forget()
    {
        var added = await Service.RememberAsync(Ann, new NewMemory { Text = "temporary note" });

        Assert.True(await Service.ForgetAsync(Ann, added.Memory.Id));
        Assert.False(await Service.ForgetAsync(Ann, added.Memory.Id));
        Assert.Null(await Service.GetAsync(Ann, added.Memory.Id));
        Assert.Empty((await Service.RecallAsync(Ann, "temporary note")).Hits);
    }

    [Fact]
    public async Task Forget_where_and_forget_scope_delete_only_what_matches()
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = "keep this fact" });
        await Service.RememberAsync(Ann, new NewMemory { Text = "drop this episode", Kind = MemoryKind.Episode });
        var bob = MemoryScope.ForUser("bob");
        await Service.RememberAsync(bob, new NewMemory { Text = "bob's fact" });

        Assert.Equal(1, await Service.ForgetWhereAsync(Ann, new MemoryFilter { Kinds = [MemoryKind.Episode] }));
        Assert.Equal(["keep this fact"], (await Service.ListAsync(Ann)).Items.Select(m => m.Text));
        Assert.Equal(1, await Service.ForgetScopeAsync(Ann));
        Assert.Empty((await Service.ListAsync(Ann)).Items);
        Assert.Equal(["bob's fact"], (await Service.ListAsync(bob)).Items.Select(m => m.Text));
    }

    [Fact]
    public async Task Update_changes_the_text_re_embeds_it_and_keeps_the_id()
    {
        var added = await Service.RememberAsync(Ann, new NewMemory { Text = "ann lives in paris" });
        _harness.Time.Advance(TimeSpan.FromHours(1));

        var updated = await Service.UpdateAsync(Ann, added.Memory.Id, new MemoryUpdate { Text = "ann moved to berlin", Importance = 0.9, Tags = ["home"] });
        var recalled = await Service.RecallAsync(Ann, "berlin", new RecallOptions { Explain = true });

        Assert.Equal(added.Memory.Id, updated.Id);
        Assert.Equal("ann moved to berlin", updated.Text);
        Assert.Equal(0.9, updated.Importance);
        Assert.Equal(["home"], updated.Tags);
        Assert.Equal(MemoryHarness.Start.AddHours(1), updated.UpdatedAt);
        Assert.Equal(added.Memory.Id, recalled.Hits[0].Memory.Id);
        Assert.True(recalled.Hits[0].Components!.Similarity > 0.3);
    }

    [Fact]
    public async Task Remember_many_returns_one_result_per_text_in_order()
    {
        var results = await Service.RememberManyAsync(Ann, [new NewMemory { Text = "first alpha" }, new NewMemory { Text = "second beta" }]);

        Assert.Equal(["first alpha", "second beta"], results.Select(r => r.Memory.Text));
        Assert.Equal(2, (await Service.ListAsync(Ann)).Items.Count);
    }

    [Fact]
    public async Task A_missing_importance_takes_the_heuristic_estimate()
    {
        const string text = "my birthday is on 12 May, remember it";
        var added = await Service.RememberAsync(Ann, new NewMemory { Text = text });

        Assert.Equal(ImportanceHeuristic.Estimate(text), added.Memory.Importance);
        Assert.Equal(0.8, added.Memory.Importance);
    }
}
