namespace ContextMemory.Tests.Shared;

/// <summary>
/// The records of one collection of an <see cref="InMemoryVectorStore"/>, shared by every collection object of that name.
/// Thread-safe: one lock around a dictionary; readers get snapshots.
/// </summary>
internal sealed class InMemoryTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<object, StoredRecord> _records = [];
    private long _sequence;
    private long _lastGeneratedKey;

    /// <summary>The number of records.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>The next sequence number (insertion order).</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>A key for an auto-generated integer key property: never used before in this collection.</summary>
    public long NextGeneratedKey() => Interlocked.Increment(ref _lastGeneratedKey);

    /// <summary>Adds or replaces records; a replaced record keeps its place in insertion order.</summary>
    public void Put(IEnumerable<(object Key, StoredRecord Record)> records)
    {
        lock (_lock)
        {
            foreach (var (key, record) in records)
            {
                _records[key] = _records.TryGetValue(key, out var old) ? record with { Sequence = old.Sequence } : record;
            }
        }
    }

    /// <summary>The record of <paramref name="key"/>, or null.</summary>
    public StoredRecord? Find(object key)
    {
        lock (_lock)
        {
            return _records.GetValueOrDefault(key);
        }
    }

    /// <summary>Removes the record of <paramref name="key"/> if there is one.</summary>
    public void Remove(object key)
    {
        lock (_lock)
        {
            _records.Remove(key);
        }
    }

    /// <summary>Every record, in insertion order.</summary>
    public List<StoredRecord> Snapshot()
    {
        lock (_lock)
        {
            return [.. _records.Values.OrderBy(r => r.Sequence)];
        }
    }
}
