using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>What a FAISS store keeps across closing and reopening.</summary>
public sealed class PersistenceTests : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Memories_survive_closing_and_reopening_the_store()
    {
        var added = await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "ann's cat is called miso", Tags = ["pets"] });

        await _harness.ReopenAsync();

        Assert.Equal("ann's cat is called miso", (await _harness.Service.GetAsync(Ann, added.Memory.Id))?.Text);
        Assert.Equal(added.Memory.Id, (await _harness.Service.RecallAsync(Ann, "cat miso")).Hits[0].Memory.Id);
        Assert.Single(await _harness.Service.GetHistoryAsync(Ann, added.Memory.Id));
    }

    [Fact]
    public async Task Every_attribute_connection_merge_count_and_history_row_survives_a_reopen()
    {
        await _harness.ReopenAsync(new MemoryServiceOptions { ConnectionThreshold = 0.4 });
        var service = _harness.Service;
        await service.RememberAsync(Ann, new NewMemory { Text = "alps snow trip with friends", Kind = MemoryKind.Episode, Tags = ["trip"] });
        await service.RememberAsync(Ann, new NewMemory { Text = "alps snow cabin with fire", Kind = MemoryKind.Episode });
        await service.RememberAsync(Ann, new NewMemory { Text = "a fact said twice" });
        await service.RememberAsync(Ann, new NewMemory { Text = "a fact said twice" });
        var before = await service.ExportAsync(Ann).ToListAsync();
        var historyBefore = await service.GetHistoryAsync(Ann);

        await _harness.ReopenAsync();
        var after = await _harness.Service.ExportAsync(Ann).ToListAsync();

        Assert.Equal(
            before.Select(r => (r.Id, r.Text, r.MergedCount, string.Join(',', r.Connections), string.Join(',', r.Tags), r.OccurredAt, r.UpdatedAt)),
            after.Select(r => (r.Id, r.Text, r.MergedCount, string.Join(',', r.Connections), string.Join(',', r.Tags), r.OccurredAt, r.UpdatedAt)));
        Assert.Equal(historyBefore.Select(h => (h.Sequence, h.Action, h.NewText)), (await _harness.Service.GetHistoryAsync(Ann)).Select(h => (h.Sequence, h.Action, h.NewText)));
        Assert.Contains(after, r => r.Connections.Count == 1);
    }
}
