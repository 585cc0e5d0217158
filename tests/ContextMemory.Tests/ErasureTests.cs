using System.Text;
using ContextMemory.Tests.Support;
using ContextMemory.VectorStore;
using ContextMemory.VectorStore.Tests.Reliability.Support;

namespace ContextMemory.Tests;

/// <summary>Forget with erasure leaves no byte of the memory's text in any file of a real FAISS store.</summary>
public sealed class ErasureTests : IDisposable
{
    private const string Canary = "zqcanarymemoryx7k3w9";
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Forget_with_erase_removes_the_text_and_its_history_from_every_file_and_keeps_the_rest()
    {
        var service = _harness.Service;
        var kept = await service.RememberAsync(Ann, new NewMemory { Text = "an ordinary note to keep" });
        var secret = await service.RememberAsync(Ann, new NewMemory { Text = $"secret {Canary} must vanish" });
        await service.UpdateAsync(Ann, secret.Memory.Id, new MemoryUpdate { Text = $"secret {Canary} updated and must vanish" });
        await ((FaissVectorStore)_harness.Store).CheckpointAsync();
        var bytes = Encoding.UTF8.GetBytes(Canary);
        Assert.NotEmpty(StoreFiles.Occurrences(_harness.Directory, bytes));

        Assert.True(await service.ForgetAsync(Ann, secret.Memory.Id, new ForgetOptions { Erase = true }));
        await _harness.ReopenAsync();

        Assert.Empty(StoreFiles.Occurrences(_harness.Directory, bytes));
        Assert.Empty(await _harness.Service.GetHistoryAsync(Ann, secret.Memory.Id));
        Assert.Equal([kept.Memory.Id], (await _harness.Service.ListAsync(Ann)).Items.Select(m => m.Id));
        Assert.Single(await _harness.Service.GetHistoryAsync(Ann, kept.Memory.Id));
    }

    [Fact]
    public async Task Forget_without_erase_keeps_a_delete_row_in_history()
    {
        var added = await _harness.Service.RememberAsync(Ann, new NewMemory { Text = "note to delete" });

        await _harness.Service.ForgetAsync(Ann, added.Memory.Id);

        Assert.Equal(HistoryAction.Delete, (await _harness.Service.GetHistoryAsync(Ann, added.Memory.Id))[^1].Action);
    }

    [Fact]
    public async Task Erasure_on_a_store_without_compaction_is_reported_unavailable_and_deletes_nothing()
    {
        using var store = new StoreWithoutCompaction(_harness.Store);
        await using var service = new MemoryService(store, _harness.Embedder, timeProvider: _harness.Time);
        var added = await service.RememberAsync(Ann, new NewMemory { Text = "cannot be erased here" });

        await Assert.ThrowsAsync<MemoryErasureUnavailableException>(() => service.ForgetAsync(Ann, added.Memory.Id, new ForgetOptions { Erase = true }));
        await Assert.ThrowsAsync<MemoryErasureUnavailableException>(() => service.ForgetScopeAsync(Ann, new ForgetOptions { Erase = true }));

        Assert.NotNull(await service.GetAsync(Ann, added.Memory.Id));
        Assert.True(await service.ForgetAsync(Ann, added.Memory.Id));
    }

    [Fact]
    public async Task Erasure_on_the_in_memory_store_which_has_no_compaction_is_reported_unavailable()
    {
        using var store = new InMemoryVectorStore();
        await using var service = new MemoryService(store, _harness.Embedder, timeProvider: _harness.Time);
        var added = await service.RememberAsync(Ann, new NewMemory { Text = "kept because erasure is unavailable" });

        await Assert.ThrowsAsync<MemoryErasureUnavailableException>(() => service.ForgetAsync(Ann, added.Memory.Id, new ForgetOptions { Erase = true }));

        Assert.NotNull(await service.GetAsync(Ann, added.Memory.Id));
    }
}
