using ContextMemory.Faiss;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The in-memory FAISS index of one vector property, with the bookkeeping that keeps it derived from
/// the database: its position, the tombstones of deleted vectors it still holds, and the vids of stored vectors it was
/// built without because their rows are damaged.
/// </summary>
/// <remarks>
/// Thread-safe: searches share a read lock and run in parallel; changes, purges and the swap to a rebuilt
/// index take the write lock. Deletions are tombstoned first (FAISS removal is a full pass over the index,
/// and HNSW cannot remove at all) and purged in batches; tombstones are excluded from every search.
/// </remarks>
internal sealed class VectorIndex : IDisposable
{
    private const int MinPurgeBatch = 64;
    private const double PurgeRatio = 0.01;

    /// <summary>Never disposed: a search racing with a collection's deletion must see a disposed index, not a disposed lock.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "Never disposed on purpose; see Dispose.")]
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private readonly HashSet<long> _tombstones;
    private readonly HashSet<long> _damaged;
    private FaissIndex _index;
    private FaissIdSelector? _excludeTombstones;
    private bool _disposed;

    /// <param name="plan">The plan of the vector property.</param>
    /// <param name="index">The FAISS index; owned from now on.</param>
    /// <param name="trainedAt">Count the index was trained at (0 when untrained kinds).</param>
    /// <param name="position">The database position the index reflects.</param>
    /// <param name="tombstones">Deleted vids still inside <paramref name="index"/>.</param>
    /// <param name="damaged">Vids of stored vectors left out of <paramref name="index"/> because their rows are damaged.</param>
    /// <param name="unsaved">True when no checkpoint holds this index (freshly built): it counts as changed throughout.</param>
    public VectorIndex(
        IndexPlan plan, FaissIndex index, long trainedAt, IndexPosition position, IEnumerable<long>? tombstones = null,
        IEnumerable<long>? damaged = null, bool unsaved = false)
    {
        Plan = plan;
        _index = index;
        TrainedAt = trainedAt;
        Position = position;
        _tombstones = tombstones is null ? [] : [.. tombstones];
        _damaged = damaged is null ? [] : [.. damaged];
        ChangesSinceCheckpoint = unsaved ? Math.Max(1, index.Count) : 0;
    }

    public IndexPlan Plan { get; }

    /// <summary>The position this index reflects (read under the collection's write lock for exact values).</summary>
    public IndexPosition Position { get; private set; }

    /// <summary>Count the current spec was trained at (0 for kinds without training).</summary>
    public long TrainedAt { get; private set; }

    /// <summary>Vector changes applied since the last checkpoint.</summary>
    public long ChangesSinceCheckpoint { get; private set; }

    public IndexSpec Spec => Read(() => _index.Spec);

    /// <summary>Live vectors (indexed minus tombstoned).</summary>
    public long LiveCount => Read(() => _index.Count - _tombstones.Count);

    public int TombstoneCount => Read(() => _tombstones.Count);

    /// <summary>Stored vectors left out of the index because their rows are damaged (live in the database, not here).</summary>
    public int DamagedCount => Read(() => _damaged.Count);

    /// <summary>The vids of <see cref="DamagedCount"/>, ascending.</summary>
    public long[] DamagedVids() => Read(() => _damaged.Order().ToArray());

    /// <summary>
    /// Records vids whose stored rows were found damaged and were not added (by a replay, under the collection's write
    /// lock or before the index is shared).
    /// </summary>
    public void MarkDamaged(IEnumerable<long> vids)
    {
        EnterWrite();
        try
        {
            _damaged.UnionWith(vids);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Adds and removes vectors; called with the collection's write lock held, after the commit. A vid must not be
    /// in both lists (a batch that adds and removes the same vid nets it out first).
    /// </summary>
    public void Apply(ReadOnlySpan<long> addedVids, ReadOnlySpan<float> addedVectors, ReadOnlySpan<long> removedVids, IndexPosition position)
    {
        EnterWrite();
        try
        {
            var changed = false;
            foreach (var vid in removedVids)
            {
                // Only vids this index has seen can be inside it; later ones were added and removed unseen. A damaged
                // row's vid was never added: its removal only ends the damage.
                if (vid <= Position.Vid && !_damaged.Remove(vid) && _tombstones.Add(vid))
                {
                    changed = true;
                }
            }

            if (!addedVids.IsEmpty)
            {
                _index.Add(addedVectors, addedVids);
            }

            if (changed)
            {
                ResetTombstoneSelector();
                PurgeIfWorthIt(force: false);
            }

            ChangesSinceCheckpoint += addedVids.Length + removedVids.Length;
            Position = IndexPosition.Max(Position, position);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Removes every tombstoned vector from an index kind that can remove (no-op for HNSW).</summary>
    public void Purge()
    {
        EnterWrite();
        try
        {
            PurgeIfWorthIt(force: true);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Takes over the FAISS index and bookkeeping of <paramref name="replacement"/> (rebuilt from the database and
    /// already caught up); the old FAISS index is disposed once no search uses it. <paramref name="replacement"/>
    /// is left empty and must only be disposed.
    /// </summary>
    public void Swap(VectorIndex replacement)
    {
        FaissIndex old;
        EnterWrite();
        replacement.EnterWrite();
        try
        {
            old = _index;
            _index = replacement._index;
            replacement._index = null!;
            TrainedAt = replacement.TrainedAt;
            Position = replacement.Position;
            _tombstones.Clear();
            _tombstones.UnionWith(replacement._tombstones);
            _damaged.Clear();
            _damaged.UnionWith(replacement._damaged);
            ResetTombstoneSelector();
            ChangesSinceCheckpoint = replacement.ChangesSinceCheckpoint;
        }
        finally
        {
            replacement._gate.ExitWriteLock();
            _gate.ExitWriteLock();
        }

        old.Dispose();
    }

    /// <summary>
    /// The <paramref name="k"/> nearest live vectors, optionally limited to <paramref name="allowed"/> (caller vids).
    /// Distances are FAISS's for the metric (inner product / cosine similarity, or squared L2). HNSW searches with
    /// <paramref name="efSearch"/>, or the plan's efSearch for k when it is null.
    /// </summary>
    public FaissSearchResult Search(ReadOnlySpan<float> query, int k, FaissIdSelector? allowed, int? efSearch = null)
    {
        EnterRead();
        try
        {
            var options = new FaissSearchOptions
            {
                // An allow-list comes from the database and never holds deleted vids; otherwise skip tombstones.
                Selector = allowed ?? TombstoneSelector(),
                EfSearch = _index.Spec.Kind == FaissIndexKind.Hnsw ? efSearch ?? Plan.EfSearchFor(k) : null,
                NProbe = Plan.NProbeFor(_index.Spec),
            };
            return _index.Search(query, k, options);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Exact search among <paramref name="vids"/> only (tombstoned ones are skipped).</summary>
    public FaissSearchResult SearchExact(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> vids)
    {
        EnterRead();
        try
        {
            if (_tombstones.Count == 0)
            {
                return _index.SearchSubset(query, k, vids);
            }

            var live = new List<long>(vids.Length);
            foreach (var vid in vids)
            {
                if (!_tombstones.Contains(vid))
                {
                    live.Add(vid);
                }
            }

            return _index.SearchSubset(query, k, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(live));
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Writes a checkpoint of the index and its bookkeeping, atomically; returns the changes it covers.</summary>
    public long Save(string path, Func<IndexPosition, long, IndexSpec, IReadOnlyList<long>, IReadOnlyList<long>, CheckpointHeader> header)
    {
        EnterRead();
        try
        {
            var tombstones = _tombstones.Order().ToArray();
            var damaged = _damaged.Order().ToArray();
            _index.Save(path, header(Position, TrainedAt, _index.Spec, tombstones, damaged).ToBytes());
            return ChangesSinceCheckpoint;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Forgets the changes a checkpoint covered (<paramref name="covered"/>, as returned by <see cref="Save"/>).</summary>
    public void MarkCheckpointed(long covered)
    {
        EnterWrite();
        try
        {
            ChangesSinceCheckpoint = Math.Max(0, ChangesSinceCheckpoint - covered);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Whether the index should be rebuilt: its plan moved on, or too many tombstones it cannot purge.</summary>
    public bool NeedsRebuild()
    {
        EnterRead();
        try
        {
            var live = _index.Count - _tombstones.Count;
            if (!ReferenceEquals(Plan.Target(live, _index.Spec, TrainedAt), _index.Spec))
            {
                return true;
            }

            return !_index.SupportsRemove && _tombstones.Count > 0 && _tombstones.Count >= Plan.Options.RebuildRatio * _index.Count;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Releases the FAISS index once no operation uses it; idempotent. Later operations throw
    /// <see cref="ObjectDisposedException"/> before they touch native memory (the collection layer reports them as a
    /// missing collection when the collection was deleted). The lock itself stays usable for them.
    /// </summary>
    public void Dispose()
    {
        _gate.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _excludeTombstones?.Dispose();
            _excludeTombstones = null;
            _index?.Dispose();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Takes the read lock; throws when the index was disposed.</summary>
    private void EnterRead()
    {
        _gate.EnterReadLock();
        if (_disposed)
        {
            _gate.ExitReadLock();
            throw new ObjectDisposedException(nameof(VectorIndex));
        }
    }

    /// <summary>Takes the write lock; throws when the index was disposed.</summary>
    private void EnterWrite()
    {
        _gate.EnterWriteLock();
        if (_disposed)
        {
            _gate.ExitWriteLock();
            throw new ObjectDisposedException(nameof(VectorIndex));
        }
    }

    private T Read<T>(Func<T> read)
    {
        EnterRead();
        try
        {
            return read();
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private FaissIdSelector? TombstoneSelector()
    {
        if (_tombstones.Count == 0)
        {
            return null;
        }

        // Built lazily under the read lock by whichever search comes first; benign race, same content.
        var selector = Volatile.Read(ref _excludeTombstones);
        if (selector is null)
        {
            using var members = FaissIdSelector.FromIds(_tombstones.ToArray());
            selector = members.Not();
            var existing = Interlocked.CompareExchange(ref _excludeTombstones, selector, null);
            if (existing is not null)
            {
                selector.Dispose();
                selector = existing;
            }
        }

        return selector;
    }

    private void ResetTombstoneSelector()
    {
        _excludeTombstones?.Dispose();
        _excludeTombstones = null;
    }

    private void PurgeIfWorthIt(bool force)
    {
        if (_tombstones.Count == 0 || !_index.SupportsRemove)
        {
            return;
        }

        if (force || _tombstones.Count >= Math.Max(MinPurgeBatch, _index.Count * PurgeRatio))
        {
            _index.Remove(_tombstones.ToArray());
            _tombstones.Clear();
            ResetTombstoneSelector();
        }
    }
}
