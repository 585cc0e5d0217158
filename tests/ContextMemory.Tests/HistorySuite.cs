using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Every add, update, merge and delete leaves a history row with old and new text, scope, actor and time.</summary>
public abstract class HistorySuite : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann").WithAgent("helper");

    private readonly MemoryHarness _harness;

    protected HistorySuite(Func<string, Microsoft.Extensions.VectorData.VectorStore> openStore) => _harness = new MemoryHarness(openStore: openStore);

    private MemoryService Service => _harness.Service;

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Each_change_of_a_memory_is_recorded_in_order_with_old_and_new_text()
    {
        var added = await Service.RememberAsync(Ann, new NewMemory { Text = "ann's dog is named rex" });
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.UpdateAsync(Ann, added.Memory.Id, new MemoryUpdate { Text = "ann's dog is named max", Actor = "ann" });
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.RememberAsync(Ann, new NewMemory { Text = "ann's dog is named max" });
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.ForgetAsync(Ann, added.Memory.Id, new ForgetOptions { Actor = "admin" });

        var history = await Service.GetHistoryAsync(Ann, added.Memory.Id);

        Assert.Equal([HistoryAction.Add, HistoryAction.Update, HistoryAction.Merge, HistoryAction.Delete], history.Select(h => h.Action));
        Assert.Equal(
            [(null, "ann's dog is named rex"), ("ann's dog is named rex", "ann's dog is named max"), ("ann's dog is named max", "ann's dog is named max"), ("ann's dog is named max", null)],
            history.Select(h => (h.OldText, h.NewText)));
        Assert.Equal([null, "ann", null, "admin"], history.Select(h => h.Actor));
        Assert.Equal([0, 1, 2, 3], history.Select(h => (int)(h.At - MemoryHarness.Start).TotalMinutes));
        Assert.All(history, h => Assert.Equal(Ann, h.Scope));
        Assert.True(history.Select(h => h.Sequence).SequenceEqual(history.Select(h => h.Sequence).Order()));
    }

    [Fact]
    public async Task History_is_queryable_per_scope_and_never_shows_another_scope()
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = "first note" });
        await Service.RememberAsync(Ann, new NewMemory { Text = "second different entry" });
        await Service.RememberAsync(MemoryScope.ForUser("bob"), new NewMemory { Text = "bob's note" });

        var ann = await Service.GetHistoryAsync(MemoryScope.ForUser("ann"));
        var bob = await Service.GetHistoryAsync(MemoryScope.ForUser("bob"));

        Assert.Equal(["first note", "second different entry"], ann.Select(h => h.NewText));
        Assert.Equal(["bob's note"], bob.Select(h => h.NewText));
    }
}
