
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The vids matched by the last few filters of one collection, each valid for exactly one database version: agents tend
/// to search with the same scope filter over and over, and reading the matching vids costs a row lookup per match (10k
/// matches are milliseconds, where the index search itself is well under one).
/// </summary>
/// <remarks>
/// Thread-safe. An entry is used only while SQLite's <c>data_version</c> still has the value read before its vids were:
/// any commit since, by any connection or process, changes it. Entries are immutable and shared by readers. How many vids
/// a filter matched is remembered across versions, as an estimate that lets a search choose its strategy.
/// </remarks>
internal sealed class FilterResultCache
{
    private const int Capacity = 16;
    private const int MaxCachedVids = 1 << 18;
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _entries = [];
    private readonly LinkedList<Estimate> _estimates = [];

    /// <summary>
    /// How many vids of property <paramref name="ordinal"/> <paramref name="filter"/> matched the last time they were read,
    /// at any database version; null when they were never read (or have been forgotten).
    /// </summary>
    /// <remarks>An estimate only: commits since may have changed it. Used to choose how to search, never as a result.</remarks>
    public int? MatchedCount(int ordinal, SqlFilter filter)
    {
        lock (_gate)
        {
            for (var node = _estimates.First; node is not null; node = node.Next)
            {
                if (Same(node.Value.Ordinal, node.Value.Sql, node.Value.Parameters, ordinal, filter))
                {
                    return node.Value.Count;
                }
            }
        }

        return null;
    }

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

    /// <summary>
    /// Remembers the vids read for a filter after reading <paramref name="version"/> (and their count, for
    /// <see cref="MatchedCount"/>); the caller must not change them afterwards.
    /// </summary>
    public void Add(int ordinal, SqlFilter filter, long version, List<long> vids)
    {
        var parameters = filter.Parameters.ToArray();
        lock (_gate)
        {
            for (var node = _estimates.First; node is not null; node = node.Next)
            {
                if (Same(node.Value.Ordinal, node.Value.Sql, node.Value.Parameters, ordinal, filter))
                {
                    _estimates.Remove(node);
                    break;
                }
            }

            _estimates.AddFirst(new Estimate(ordinal, filter.Sql, parameters, vids.Count));
            while (_estimates.Count > Capacity)
            {
                _estimates.RemoveLast();
            }
        }

        if (vids.Count > MaxCachedVids)
        {
            return;
        }

        var entry = new Entry(ordinal, filter.Sql, parameters, version, vids);
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

    /// <summary>Whether a remembered filter (ordinal, SQL, parameters) is <paramref name="filter"/> on <paramref name="ordinal"/>.</summary>
    private static bool Same(int rememberedOrdinal, string sql, SqlFilterParameter[] parameters, int ordinal, SqlFilter filter)
    {
        if (ordinal != rememberedOrdinal || filter.Sql != sql || filter.Parameters.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var (name, value) = filter.Parameters[i];
            if (name != parameters[i].Name || value.GetType() != parameters[i].Value.GetType() || !value.Equals(parameters[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Entry(int Ordinal, string Sql, SqlFilterParameter[] Parameters, long Version, List<long> Vids)
    {
        public bool Matches(int ordinal, SqlFilter filter) => Same(Ordinal, Sql, Parameters, ordinal, filter);
    }

    private sealed record Estimate(int Ordinal, string Sql, SqlFilterParameter[] Parameters, int Count);
}
