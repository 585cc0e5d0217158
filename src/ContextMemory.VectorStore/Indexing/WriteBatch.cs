namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The index changes of one write transaction, per vector property, collected while the rows are written
/// and applied to the indexes after the commit.
/// </summary>
/// <remarks>
/// Added vectors are kept as references to the caller's memory (alive and unchanged until the write returns) and
/// copied once, into the contiguous array the index takes, when the batch is applied.
/// </remarks>
internal sealed class WriteBatch
{
    private readonly Changes[] _changes;

    public WriteBatch(IReadOnlyList<VectorIndex> indexes)
    {
        _changes = new Changes[indexes.Count];
        for (var i = 0; i < _changes.Length; i++)
        {
            _changes[i] = new Changes(indexes[i].Plan.Dimensions);
        }
    }

    public int Count => _changes.Length;

    public void Added(int index, long vid, ReadOnlyMemory<float> vector)
    {
        var changes = _changes[index];
        changes.AddedVids.Add(vid);
        changes.AddedVectors.Add(vector);
    }

    public void Removed(int index, long vid) => _changes[index].RemovedVids.Add(vid);

    /// <summary>The changes of one vector property, with vids both added and removed in this batch netted out.</summary>
    public (long[] AddedVids, float[] AddedVectors, long[] RemovedVids) Net(int index)
    {
        var changes = _changes[index];
        var removed = changes.RemovedVids.ToHashSet();
        var kept = new List<int>(changes.AddedVids.Count);
        for (var i = 0; i < changes.AddedVids.Count; i++)
        {
            if (removed.Count == 0 || !removed.Remove(changes.AddedVids[i]))
            {
                kept.Add(i);
            }
        }

        var dimensions = changes.Dimensions;
        var addedVids = new long[kept.Count];
        var addedVectors = new float[(long)kept.Count * dimensions];
        for (var j = 0; j < kept.Count; j++)
        {
            addedVids[j] = changes.AddedVids[kept[j]];
            changes.AddedVectors[kept[j]].Span.CopyTo(addedVectors.AsSpan(j * dimensions, dimensions));
        }

        return (addedVids, addedVectors, removed.Count == changes.RemovedVids.Count ? [.. changes.RemovedVids] : [.. removed]);
    }

    public bool IsEmpty(int index) => _changes[index].AddedVids.Count == 0 && _changes[index].RemovedVids.Count == 0;

    private sealed class Changes(int dimensions)
    {
        public int Dimensions { get; } = dimensions;

        public List<long> AddedVids { get; } = [];

        public List<ReadOnlyMemory<float>> AddedVectors { get; } = [];

        public List<long> RemovedVids { get; } = [];
    }
}
