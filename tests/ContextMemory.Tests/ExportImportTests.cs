using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Export and import are lossless; statistics count by kind and scope.</summary>
public sealed class ExportImportTests : IDisposable
{
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _source = new(new MemoryServiceOptions { ConnectionThreshold = 0.4 });
    private readonly MemoryHarness _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task Import_of_an_export_restores_ids_times_tags_connections_merged_counts_and_embeddings()
    {
        var service = _source.Service;
        await service.RememberAsync(Ann, new NewMemory { Text = "alps snow trip with friends", Kind = MemoryKind.Episode, Tags = ["trip"], Speaker = "ann", OccurredAt = MemoryHarness.Start.AddDays(-2) });
        _source.Time.Advance(TimeSpan.FromHours(1));
        await service.RememberAsync(Ann, new NewMemory { Text = "alps snow cabin with fire", Kind = MemoryKind.Episode });
        await service.RememberAsync(Ann.WithConversation("c9"), new NewMemory { Text = "a fact said twice" });
        await service.RememberAsync(Ann.WithConversation("c9"), new NewMemory { Text = "a fact said twice" });
        var exported = await service.ExportAsync().ToListAsync();

        Assert.Equal(3, await _target.Service.ImportAsync(exported));
        var imported = await _target.Service.ExportAsync().ToListAsync();

        Assert.Equal(exported.Count, imported.Count);
        foreach (var (e, i) in exported.OrderBy(r => r.Id).Zip(imported.OrderBy(r => r.Id)))
        {
            Assert.Equal(
                (e.Id, e.Text, e.Kind, e.Importance, e.OccurredAt, e.CreatedAt, e.UpdatedAt, e.LastAccessedAt, e.Scope, e.Source, e.Speaker, e.MergedCount),
                (i.Id, i.Text, i.Kind, i.Importance, i.OccurredAt, i.CreatedAt, i.UpdatedAt, i.LastAccessedAt, i.Scope, i.Source, i.Speaker, i.MergedCount));
            Assert.Equal(e.Tags, i.Tags);
            Assert.Equal(e.Connections, i.Connections);
            Assert.True(e.Embedding!.Value.Span.SequenceEqual(i.Embedding!.Value.Span));
        }

        Assert.Contains(exported, r => r.MergedCount == 2);
        Assert.Contains(exported, r => r.Connections.Count == 1);
    }

    [Fact]
    public async Task Import_refuses_an_embedding_of_another_length_and_embeds_a_record_without_one()
    {
        var record = new MemoryRecord { Id = Guid.NewGuid(), Text = "imported text", Scope = Ann, Importance = 0.5 };

        await Assert.ThrowsAsync<MemoryInputException>(() => _target.Service.ImportAsync([new MemoryRecord { Text = "x", Scope = Ann, Importance = 0.5, Embedding = new float[3] }]));
        Assert.Equal(1, await _target.Service.ImportAsync([record]));

        Assert.Equal(record.Id, (await _target.Service.RecallAsync(Ann, "imported text")).Hits[0].Memory.Id);
    }

    [Fact]
    public async Task Statistics_count_memories_by_kind_and_by_scope()
    {
        await _source.Service.RememberAsync(Ann, new NewMemory { Text = "fact one" });
        await _source.Service.RememberAsync(Ann, new NewMemory { Text = "episode two", Kind = MemoryKind.Episode });
        await _source.Service.RememberAsync(MemoryScope.ForAgent("bot"), new NewMemory { Text = "agent fact" });

        var statistics = await _source.Service.GetStatisticsAsync();

        Assert.Equal((3, 2, 1, 3), (statistics.Total, statistics.Facts, statistics.Episodes, statistics.HistoryEntries));
        Assert.Equal([(Ann, 2), (MemoryScope.ForAgent("bot"), 1)], statistics.Scopes.Select(s => (s.Scope, s.Count)));
    }
}
