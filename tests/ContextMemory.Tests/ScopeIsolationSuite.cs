using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Scopes are a security boundary: no operation reads, changes or reveals another scope's memories. Runs over every store.</summary>
public abstract class ScopeIsolationSuite : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");
    private static readonly MemoryScope Bob = MemoryScope.ForUser("bob");

    private readonly MemoryHarness _harness;

    protected ScopeIsolationSuite(Func<string, Microsoft.Extensions.VectorData.VectorStore> openStore) => _harness = new MemoryHarness(openStore: openStore);

    private MemoryService Service => _harness.Service;

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string> HostileParts() =>
    [
        "o'brien",
        "\"quoted\"",
        "x' OR '1'='1",
        "'; DROP TABLE records; --",
        "ann%",
        "ann_",
        "*",
        "аnn", // Cyrillic a: looks like "ann", is not
        "ANN",
        "ann ",
        new string('z', MemoryScope.MaxPartLength),
    ];

    [Theory]
    [MemberData(nameof(HostileParts))]
    public async Task A_scope_that_looks_like_another_reads_none_of_its_memories(string part)
    {
        var secret = await Service.RememberAsync(Ann, new NewMemory { Text = "ann's secret bank pin is 4321" });
        var other = MemoryScope.ForUser(part);
        await Service.RememberAsync(other, new NewMemory { Text = "an unrelated note about weather" });

        var recalled = await Service.RecallAsync(other, "secret bank pin", new RecallOptions { Limit = 50 });
        var listed = await Service.ListAsync(other, new ListOptions { Take = 1000 });

        Assert.DoesNotContain(recalled.Hits, h => h.Memory.Id == secret.Memory.Id);
        Assert.All(recalled.Hits, h => Assert.Equal(part, h.Memory.Scope.UserId));
        Assert.Equal(["an unrelated note about weather"], listed.Items.Select(m => m.Text));
        Assert.Null(await Service.GetAsync(other, secret.Memory.Id));
        Assert.Empty(await Service.GetHistoryAsync(other, secret.Memory.Id));
    }

    [Fact]
    public async Task Get_update_and_forget_by_another_scopes_id_report_not_found_and_change_nothing()
    {
        var secret = await Service.RememberAsync(Ann, new NewMemory { Text = "ann's private diary entry", Tags = ["private"] });

        Assert.Null(await Service.GetAsync(Bob, secret.Memory.Id));
        await Assert.ThrowsAsync<MemoryNotFoundException>(() => Service.UpdateAsync(Bob, secret.Memory.Id, new MemoryUpdate { Text = "overwritten" }));
        Assert.False(await Service.ForgetAsync(Bob, secret.Memory.Id));
        Assert.Equal(0, await Service.ForgetScopeAsync(Bob));
        Assert.Equal(0, await Service.ForgetWhereAsync(Bob, new MemoryFilter { Tags = ["private"] }));

        var still = await Service.GetAsync(Ann, secret.Memory.Id);
        Assert.Equal("ann's private diary entry", still?.Text);
        Assert.Single(await Service.GetHistoryAsync(Ann, secret.Memory.Id));
    }

    [Fact]
    public async Task A_narrower_scope_selects_only_its_part_and_a_wider_one_selects_all_of_the_user()
    {
        var inC1 = Ann.WithConversation("c1");
        var inC2 = Ann.WithConversation("c2");
        await Service.RememberAsync(inC1, new NewMemory { Text = "said in conversation one" });
        await Service.RememberAsync(inC2, new NewMemory { Text = "said in conversation two" });

        Assert.Equal(["said in conversation one"], (await Service.ListAsync(inC1)).Items.Select(m => m.Text));
        Assert.Equal(2, (await Service.ListAsync(Ann)).Items.Count);
        Assert.Empty((await Service.ListAsync(Bob.WithConversation("c1"))).Items);
        Assert.Equal(["said in conversation one"], (await Service.ListAsync(MemoryScope.ForConversation("c1"))).Items.Select(m => m.Text));
    }

    [Fact]
    public async Task Every_operation_refuses_a_missing_or_empty_scope()
    {
        var empty = new MemoryScope();
        var memory = new NewMemory { Text = "x" };

        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.RememberAsync(empty, memory));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.RememberAsync(null!, memory));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.RecallAsync(empty, "x"));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.GetAsync(empty, Guid.NewGuid()));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.ListAsync(empty));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.UpdateAsync(empty, Guid.NewGuid(), new MemoryUpdate()));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.ForgetAsync(empty, Guid.NewGuid()));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.ForgetWhereAsync(empty, new MemoryFilter()));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.ForgetScopeAsync(null!));
        await Assert.ThrowsAsync<MemoryScopeException>(() => Service.GetHistoryAsync(empty));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nul\0byte")]
    [InlineData("new\nline")]
    public void Invalid_scope_parts_are_refused_when_set(string part)
    {
        Assert.Throws<MemoryScopeException>(() => MemoryScope.ForUser(part));
        Assert.Throws<MemoryScopeException>(() => new MemoryScope { AgentId = part });
        Assert.Throws<MemoryScopeException>(() => MemoryScope.ForUser(new string('a', MemoryScope.MaxPartLength + 1)));
    }

    [Fact]
    public async Task Connected_memories_never_come_from_another_scope()
    {
        var bobEpisode = await Service.RememberAsync(Bob, new NewMemory { Text = "hiking trip in the alps with snow", Kind = MemoryKind.Episode });
        var annEpisode = await Service.RememberAsync(Ann, new NewMemory { Text = "hiking trip in the alps with snow", Kind = MemoryKind.Episode });

        var recalled = await Service.RecallAsync(Ann, "hiking alps", new RecallOptions { Limit = 10 });

        Assert.Empty(annEpisode.Memory.Connections);
        Assert.Empty(bobEpisode.Memory.Connections);
        Assert.All(recalled.Hits, h => Assert.Equal("ann", h.Memory.Scope.UserId));
    }
}
