
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The vids matched by the last few filters of one collection, each valid for exactly one database version: agents tend
/// to search with the same scope filter over and over, and reading the matching vids costs a row lookup per match (10k
/// matches are milliseconds, where the index search itself is well under one).
/// </summary>
/// <remarks>
/// Thread-safe. An entry is used only while SQLite's <c>data_version</c> still has the value read before its vids were:
/// any commit since, by any connection or process, changes it. Entries are immutable and shared by readers.
/// </remarks>
internal sealed class FilterResultCache
{
    private const int Capacity = 16;
    private const int MaxCachedVids = 1 << 18;
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _entries = [];

    /// <summary>The vids of vector property <paramref name="ordinal"/> matching <paramref name="filter"/> at <paramref name="version"/>.</summary>
    public List<long>? TryGet(int ordinal, SqlFilter filter, long version)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                var entry = node.Value;
                if (entry.Version == version && entry.Matches(ordinal, filter))
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return entry.Vids;
                }
            }
        }

        return null;
    }

    /// <summary>Remembers the vids read for a filter after reading <paramref name="version"/>; the caller must not change them afterwards.</summary>
    public void Add(int ordinal, SqlFilter filter, long version, List<long> vids)
    {
        if (vids.Count > MaxCachedVids)
        {
            return;
        }

        var entry = new Entry(ordinal, filter.Sql, [.. filter.Parameters], version, vids);
        lock (_gate)
        {
            // Entries of older versions can never be used again.
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Version != version)
                {
                    _entries.Remove(node);
                }

                node = next;
            }

            _entries.AddFirst(entry);
            while (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }

    private sealed record Entry(int Ordinal, string Sql, SqlFilterParameter[] Parameters, long Version, List<long> Vids)
    {
        public bool Matches(int ordinal, SqlFilter filter)
        {
            if (ordinal != Ordinal || filter.Sql != Sql || filter.Parameters.Count != Parameters.Length)
            {
                return false;
            }

            for (var i = 0; i < Parameters.Length; i++)
            {
                var (name, value) = filter.Parameters[i];
                if (name != Parameters[i].Name || value.GetType() != Parameters[i].Value.GetType() || !value.Equals(Parameters[i].Value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
