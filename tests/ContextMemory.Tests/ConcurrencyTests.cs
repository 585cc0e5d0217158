using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Writes of one service are serialised; cancellation stops a call before it writes.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task The_same_text_remembered_from_many_threads_at_once_becomes_one_memory_counting_every_one()
    {
        const int writers = 16;

        var results = await Task.WhenAll(Enumerable.Range(0, writers)
            .Select(_ => Task.Run(() => _harness.Service.RememberAsync(Ann, new NewMemory { Text = "the meeting moved to friday" }))));

        var memory = Assert.Single((await _harness.Service.ListAsync(Ann)).Items);
        Assert.Equal(writers, memory.MergedCount);
        Assert.Equal(1, results.Count(r => r.Outcome == RememberOutcome.Added));
        Assert.Equal(writers, (await _harness.Service.GetHistoryAsync(Ann, memory.Id)).Count);
    }

    [Fact]
    public async Task Recalls_and_writes_running_together_all_complete_and_see_only_the_scope()
    {
        var bob = MemoryScope.ForUser("bob");
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await _harness.Service.RememberAsync(i % 2 == 0 ? Ann : bob, new NewMemory { Text = $"note {i} about item{i}" });
            return await _harness.Service.RecallAsync(Ann, $"item{i}", new RecallOptions { Limit = 20 });
        }));

        var recalls = await Task.WhenAll(tasks);

        Assert.All(recalls.SelectMany(r => r.Hits), h => Assert.Equal("ann", h.Memory.Scope.UserId));
        Assert.Equal(10, (await _harness.Service.ListAsync(Ann)).Items.Count);
    }

    [Fact]
    public async Task A_cancelled_remember_throws_and_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.Service.RememberAsync(Ann, new NewMemory { Text = "never" }, cancelled.Token));

        Assert.Empty((await _harness.Service.ListAsync(Ann)).Items);
    }
}
