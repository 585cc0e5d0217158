using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

public sealed class RemoveTests
{
    public static TheoryData<string> Removable => IndexKinds.Removable;

    [Theory]
    [MemberData(nameof(Removable))]
    public void Removed_ids_never_come_back_and_the_rest_still_do(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        Assert.True(index.SupportsRemove);
        var removed = data.Ids.Where((_, i) => i % 3 == 0).ToArray();
        var removedSet = new HashSet<long>(removed);

        Assert.Equal(removed.Length, index.Remove(removed));
        Assert.Equal(data.Count - removed.Length, index.Count);

        // Removing again finds nothing; unknown ids are ignored.
        Assert.Equal(0, index.Remove([removed[0], 42_424_242]));

        var labels = data.SearchLabels(index, 20);
        Assert.DoesNotContain(labels, removedSet.Contains);

        var kept = new HashSet<long>(data.Ids.Where(id => !removedSet.Contains(id)));
        var found = 0;
        var probes = 0;
        for (var position = 0; position < data.Count; position += 29)
        {
            var result = index.Search(data.Vector(position), 10);
            Assert.DoesNotContain(result.Ids, removedSet.Contains);
            if (kept.Contains(data.Ids[position]))
            {
                probes++;
                found += result.Ids.Contains(data.Ids[position]) ? 1 : 0;
            }
        }

        // Survivors are still reachable by their own vector (all of them for exact kinds).
        Assert.True(found >= (kind == IndexKinds.Flat ? probes : probes * 9 / 10), $"{kind}: {found}/{probes} kept vectors found");
    }

    [Fact]
    public void Removed_id_cannot_be_reconstructed()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        index.Remove([data.Ids[10]]);
        var ex = Assert.Throws<FaissException>(() => index.Reconstruct(data.Ids[10], new float[data.Dimension]));
        Assert.Equal(FaissErrorCode.NotFound, ex.ErrorCode);
        index.Reconstruct(data.Ids[11], new float[data.Dimension]);
    }

    [Fact]
    public void Hnsw_remove_throws_not_supported_with_a_clear_message_and_changes_nothing()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Hnsw, data);
        Assert.False(index.SupportsRemove);
        Assert.False(index.Spec.SupportsRemove);

        var ex = Assert.Throws<NotSupportedException>(() => index.Remove([data.Ids[0]]));
        Assert.Equal(FaissErrors.RemoveNotSupported(index.Description), ex.Message);
        Assert.Contains("rebuild", ex.Message, StringComparison.Ordinal);
        Assert.Equal(data.Count, index.Count);
        Assert.Equal(data.Ids[0], index.Search(data.Vector(0), 1).Ids[0]);
    }

    [Fact]
    public void Reset_empties_the_index_but_keeps_training()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.IvfFlat, data);
        index.Reset();
        Assert.Equal(0, index.Count);
        Assert.True(index.IsTrained);
        Assert.Equal(0, index.Search(data.Query(0), 5).Count);
        index.Add(data.Vectors, data.Ids);
        Assert.Equal(data.Count, index.Count);
    }
}
