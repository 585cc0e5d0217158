namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// The index changes of one write transaction, per vector property, collected while the rows are written
/// and applied to the indexes after the commit.
/// </summary>
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

    public void Added(int index, long vid, ReadOnlySpan<float> vector)
    {
        var changes = _changes[index];
        changes.AddedVids.Add(vid);
        changes.AddedVectors.AddRange(vector);
    }

    public void Removed(int index, long vid) => _changes[index].RemovedVids.Add(vid);

    /// <summary>The changes of one vector property, with vids both added and removed in this batch netted out.</summary>
    public (long[] AddedVids, float[] AddedVectors, long[] RemovedVids) Net(int index)
    {
        var changes = _changes[index];
        if (changes.RemovedVids.Count == 0 || changes.AddedVids.Count == 0)
        {
            return ([.. changes.AddedVids], [.. changes.AddedVectors], [.. changes.RemovedVids]);
        }

        var removed = changes.RemovedVids.ToHashSet();
        var addedVids = new List<long>(changes.AddedVids.Count);
        var addedVectors = new List<float>(changes.AddedVectors.Count);
        var dimensions = changes.Dimensions;
        for (var i = 0; i < changes.AddedVids.Count; i++)
        {
            var vid = changes.AddedVids[i];
            if (removed.Remove(vid))
            {
                continue;
            }

            addedVids.Add(vid);
            addedVectors.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(changes.AddedVectors).Slice(i * dimensions, dimensions));
        }

        return ([.. addedVids], [.. addedVectors], [.. removed]);
    }

    public bool IsEmpty(int index) => _changes[index].AddedVids.Count == 0 && _changes[index].RemovedVids.Count == 0;

    private sealed class Changes(int dimensions)
    {
        public int Dimensions { get; } = dimensions;

        public List<long> AddedVids { get; } = [];

        public List<float> AddedVectors { get; } = [];

        public List<long> RemovedVids { get; } = [];
    }
}
