using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

/// <summary>Search labels are the caller's ids, whatever their value (except the reserved -1).</summary>
public sealed class IdTests
{
    private static readonly long[] EdgeIds = [long.MaxValue, long.MinValue, -2, 0, 1L << 40, 123_456_789_012_345];

    public static TheoryData<string> AllKinds => IndexKinds.All;

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_returned_label_is_a_caller_id_and_every_id_is_reconstructable(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        var known = new HashSet<long>(data.Ids);

        var labels = data.SearchLabels(index, 10);
        Assert.All(labels, label => Assert.Contains(label, known));

        var buffer = new float[data.Dimension];
        foreach (var position in new[] { 0, 1, 2, data.Count / 2, data.Count - 1 })
        {
            index.Reconstruct(data.Ids[position], buffer);
            var error = BruteForce.SquaredL2(buffer, data.Vector(position));
            var norm = System.Numerics.Tensors.TensorPrimitives.Dot(data.Vector(position), data.Vector(position));

            // Exact kinds store the vector itself; quantizers decode an approximation of it.
            var tolerance = kind switch { IndexKinds.Sq8 => 0.01f * norm, IndexKinds.Pq => 0.25f * norm, _ => 1e-6f };
            Assert.True(error <= tolerance, $"{kind}: id {data.Ids[position]} decoded with squared error {error} (tolerance {tolerance})");
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void A_stored_vector_finds_its_own_id_first(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        var selfFirst = 0;
        const int Probes = 100;
        for (var i = 0; i < Probes; i++)
        {
            var position = i * (data.Count / Probes);
            var result = index.Search(data.Vector(position), 5);
            if (result.Ids[0] == data.Ids[position])
            {
                selfFirst++;
            }
        }

        // Exact kinds always find themselves; quantized ones nearly always (the data is well separated).
        var required = kind is IndexKinds.Flat or IndexKinds.Hnsw or IndexKinds.IvfFlat ? Probes : Probes * 8 / 10;
        Assert.True(selfFirst >= required, $"{kind}: {selfFirst}/{Probes} vectors found their own id first");
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Extreme_and_negative_ids_round_trip(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        var random = new Random(5);
        var vectors = new float[EdgeIds.Length * data.Dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            // Far from the clusters, so each edge vector is its own nearest neighbour even when quantized.
            vectors[i] = 6f + (4f * (float)random.NextDouble());
        }

        for (var i = 0; i < EdgeIds.Length; i++)
        {
            vectors[(i * data.Dimension) + (i % data.Dimension)] = -20f;
        }

        index.Add(vectors, EdgeIds);
        Assert.Equal(data.Count + EdgeIds.Length, index.Count);
        for (var i = 0; i < EdgeIds.Length; i++)
        {
            var result = index.Search(vectors.AsSpan(i * data.Dimension, data.Dimension), 1);
            Assert.Equal(EdgeIds[i], result.Ids[0]);
        }
    }

    [Fact]
    public void Minus_one_is_rejected_as_an_id_before_native_code()
    {
        using var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        var ex = Assert.Throws<ArgumentException>(() => index.Add(new float[8], new long[] { 5, -1 }));
        Assert.Equal("ids", ex.ParamName);
        Assert.StartsWith(FaissErrors.ReservedId(1), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }
}
