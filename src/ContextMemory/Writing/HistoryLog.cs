using ContextMemory.Storage;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Writing;

/// <summary>
/// Appends and reads history rows. Sequences grow with every row this process writes and start from the clock's ticks,
/// so rows of later sessions sort after earlier ones.
/// </summary>
internal sealed class HistoryLog(VectorStoreCollection<Guid, HistoryEntity> rows, TimeProvider time)
{
    private long _sequence;

    public HistoryEntity Row(HistoryAction action, MemoryEntity memory, string? oldText, string? newText, string? actor)
    {
        var now = time.GetUtcNow();
        long next, seen;
        do
        {
            seen = Interlocked.Read(ref _sequence);
            next = Math.Max(seen + 1, now.UtcTicks);
        }
        while (Interlocked.CompareExchange(ref _sequence, next, seen) != seen);

        return new HistoryEntity
        {
            Id = Guid.NewGuid(),
            Sequence = next,
            MemoryId = memory.Id,
            Action = (int)action,
            OldText = oldText,
            NewText = newText,
            UserId = memory.UserId,
            AgentId = memory.AgentId,
            ConversationId = memory.ConversationId,
            Actor = actor,
            At = now.UtcTicks,
        };
    }

    public Task WriteAsync(IEnumerable<HistoryEntity> entries, CancellationToken cancellationToken)
    {
        var list = entries.ToList();
        return list.Count == 0 ? Task.CompletedTask : rows.UpsertAsync(list, cancellationToken);
    }

    public async Task<List<HistoryEntry>> ReadAsync(MemoryScope scope, Guid? memoryId, CancellationToken cancellationToken)
    {
        var found = await rows.GetAsync(MemoryFilters.History(scope, memoryId), int.MaxValue, cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. found.OrderBy(r => r.Sequence).ThenBy(r => r.At).Select(RecordMapper.ToEntry)];
    }

    /// <summary>Deletes every row of the memories (for erasure).</summary>
    public async Task EraseAsync(IReadOnlyCollection<Guid> memoryIds, CancellationToken cancellationToken)
    {
        var keys = new List<Guid>();
        foreach (var id in memoryIds)
        {
            await foreach (var row in rows.GetAsync(MemoryFilters.HistoryOf(id), int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                keys.Add(row.Id);
            }
        }

        if (keys.Count > 0)
        {
            await rows.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        await rows.GetAsync(MemoryFilters.AllHistory(), int.MaxValue, cancellationToken: cancellationToken).CountAsync(cancellationToken).ConfigureAwait(false);
}
