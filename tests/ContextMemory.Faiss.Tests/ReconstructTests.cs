using System.Numerics.Tensors;
using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

public sealed class ReconstructTests
{
    [Fact]
    public void Flat_reconstructs_the_exact_vector_single_and_batch()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        var one = new float[data.Dimension];
        index.Reconstruct(data.Ids[42], one);
        Assert.Equal(data.Vector(42).ToArray(), one);

        long[] ids = [data.Ids[5], data.Ids[1], data.Ids[2999]];
        var many = new float[ids.Length * data.Dimension];
        index.Reconstruct(ids, many);
        Assert.Equal(data.Vector(5).ToArray(), many.AsSpan(0, data.Dimension).ToArray());
        Assert.Equal(data.Vector(2999).ToArray(), many.AsSpan(2 * data.Dimension, data.Dimension).ToArray());
    }

    [Fact]
    public void Cosine_index_stores_normalised_vectors_and_scores_in_minus_one_to_one()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data, FaissMetric.Cosine);
        var stored = new float[data.Dimension];
        index.Reconstruct(data.Ids[3], stored);
        Assert.Equal(1f, TensorPrimitives.Norm(stored), 1e-4f);
        Assert.Equal(1f, TensorPrimitives.CosineSimilarity(stored, data.Vector(3)), 1e-4f);

        // A scaled query scores the same as the original: the bridge normalises queries too.
        var scaled = data.Query(0).ToArray();
        TensorPrimitives.Multiply(scaled, 37f, scaled);
        var plain = index.Search(data.Query(0), 5);
        var big = index.Search(scaled, 5);
        Assert.Equal(plain.Ids, big.Ids);
        Assert.All(big.Distances, d => Assert.InRange(d, -1.0001f, 1.0001f));
    }

    [Fact]
    public void Unknown_id_is_not_found()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Hnsw, data);
        var ex = Assert.Throws<FaissException>(() => index.Reconstruct(123, new float[data.Dimension]));
        Assert.Equal(FaissErrorCode.NotFound, ex.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
