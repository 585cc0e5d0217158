using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Hostile values get typed errors, write nothing, and SQL-looking text is just text.</summary>
public abstract class HostileInputSuite : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness;

    protected HostileInputSuite(Func<string, Microsoft.Extensions.VectorData.VectorStore> openStore) => _harness = new MemoryHarness(openStore: openStore);

    private MemoryService Service => _harness.Service;

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<NewMemory> RefusedMemories() =>
    [
        new NewMemory { Text = new string('a', new MemoryServiceOptions().MaxTextLength + 1) },
        new NewMemory { Text = "nul \0 inside" },
        new NewMemory { Text = "   " },
        new NewMemory { Text = "ok", Importance = double.NaN },
        new NewMemory { Text = "ok", Importance = 1.5 },
        new NewMemory { Text = "ok", Importance = double.PositiveInfinity },
        new NewMemory { Text = "ok", Tags = [""] },
        new NewMemory { Text = "ok", Tags = ["tab\there"] },
        new NewMemory { Text = "ok", Tags = [.. Enumerable.Range(0, 33).Select(i => $"t{i}")] },
        new NewMemory { Text = "ok", Kind = (MemoryKind)7 },
        new NewMemory { Text = "ok", Speaker = "nul\0" },
    ];

    [Theory]
    [MemberData(nameof(RefusedMemories))]
    public async Task A_refused_memory_throws_a_typed_error_and_writes_nothing(NewMemory memory)
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = "an earlier good memory" });

        await Assert.ThrowsAsync<MemoryInputException>(() => Service.RememberManyAsync(Ann, [new NewMemory { Text = "valid one first" }, memory]));

        Assert.Equal(["an earlier good memory"], (await Service.ListAsync(Ann)).Items.Select(m => m.Text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task Out_of_range_limits_are_refused(int value)
    {
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.RecallAsync(Ann, "x", new RecallOptions { Limit = value }));
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.ListAsync(Ann, new ListOptions { Take = value }));
    }

    [Fact]
    public async Task A_huge_skip_returns_an_empty_page_and_a_negative_one_is_refused()
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = "one memory" });

        var page = await Service.ListAsync(Ann, new ListOptions { Skip = int.MaxValue, Take = 1000 });

        Assert.Empty(page.Items);
        Assert.False(page.HasMore);
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.ListAsync(Ann, new ListOptions { Skip = -1 }));
    }

    [Fact]
    public async Task Sql_looking_text_and_tags_are_stored_and_found_as_plain_text()
    {
        const string text = "Robert'); DROP TABLE records;-- likes \"quotes\" and % _ * wildcards";
        string[] tags = ["' OR 1=1 --", "tag\"quote"];
        var added = await Service.RememberAsync(Ann, new NewMemory { Text = text, Tags = tags });
        await Service.RememberAsync(Ann, new NewMemory { Text = "an innocent note about bread" });

        var byTag = await Service.ListAsync(Ann, new ListOptions { Filter = new MemoryFilter { Tags = ["' OR 1=1 --"] } });
        var recalled = await Service.RecallAsync(Ann, "DROP TABLE records; -- ' OR '1'='1", new RecallOptions { Explain = true });

        Assert.Equal(text, (await Service.GetAsync(Ann, added.Memory.Id))?.Text);
        Assert.Equal([added.Memory.Id], byTag.Items.Select(m => m.Id));
        Assert.Equal(added.Memory.Id, recalled.Hits[0].Memory.Id);
        Assert.Equal(2, (await Service.ListAsync(Ann)).Items.Count);
    }

    [Fact]
    public async Task Bad_recall_arguments_are_refused()
    {
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.RecallAsync(Ann, ""));
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.RecallAsync(Ann, "q\0"));
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.RecallAsync(Ann, "q", new RecallOptions { MinRelevance = double.NaN }));
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.RecallAsync(Ann, "q", new RecallOptions { From = MemoryHarness.Start, To = MemoryHarness.Start.AddDays(-1) }));
        await Assert.ThrowsAsync<MemoryInputException>(() => Service.UpdateAsync(Ann, Guid.NewGuid(), new MemoryUpdate { Importance = double.NaN }));
    }
}
