using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

/// <summary>Search labels are the caller's ids, whatever their value (except the reserved -1).</summary>
public sealed class IdTests
{
    private static readonly long[] s_edgeIds = [long.MaxValue, long.MinValue, -2, 0, 1L << 40, 123_456_789_012_345];

    public static TheoryData<string> AllKinds => IndexKinds.All;

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_returned_label_is_a_caller_id_and_every_id_is_reconstructable(string kind)
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(kind, data);
        var known = new HashSet<long>(data.Ids);

        long[] labels = Recall.SearchLabels(index, data, 10);
        Assert.All(labels, label => Assert.Contains(label, known));

        var buffer = new float[data.Dimension];
        foreach (int position in new[] { 0, 1, 2, data.Count / 2, data.Count - 1 })
        {
            index.Reconstruct(data.Ids[position], buffer);
            float error = BruteForce.SquaredL2(buffer, data.Vector(position));
            float norm = System.Numerics.Tensors.TensorPrimitives.Dot(data.Vector(position), data.Vector(position));

            // Exact kinds store the vector itself; quantizers decode an approximation of it.
            float tolerance = kind switch { IndexKinds.Sq8 => 0.01f * norm, IndexKinds.Pq => 0.25f * norm, _ => 1e-6f };
            Assert.True(error <= tolerance, $"{kind}: id {data.Ids[position]} decoded with squared error {error} (tolerance {tolerance})");
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void A_stored_vector_finds_its_own_id_first(string kind)
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(kind, data);
        int selfFirst = 0;
        const int Probes = 100;
        for (int i = 0; i < Probes; i++)
        {
            int position = i * (data.Count / Probes);
            FaissSearchResult result = index.Search(data.Vector(position), 5);
            if (result.Ids[0] == data.Ids[position])
            {
                selfFirst++;
            }
        }

        // Exact kinds always find themselves; quantized ones nearly always (the data is well separated).
        int required = kind is IndexKinds.Flat or IndexKinds.Hnsw or IndexKinds.IvfFlat ? Probes : Probes * 8 / 10;
        Assert.True(selfFirst >= required, $"{kind}: {selfFirst}/{Probes} vectors found their own id first");
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Extreme_and_negative_ids_round_trip(string kind)
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(kind, data);
        var random = new Random(5);
        var vectors = new float[s_edgeIds.Length * data.Dimension];
        for (int i = 0; i < vectors.Length; i++)
        {
            // Far from the clusters, so each edge vector is its own nearest neighbour even when quantized.
            vectors[i] = 6f + (4f * (float)random.NextDouble());
        }

        for (int i = 0; i < s_edgeIds.Length; i++)
        {
            vectors[(i * data.Dimension) + (i % data.Dimension)] = -20f;
        }

        index.Add(vectors, s_edgeIds);
        Assert.Equal(data.Count + s_edgeIds.Length, index.Count);
        for (int i = 0; i < s_edgeIds.Length; i++)
        {
            FaissSearchResult result = index.Search(vectors.AsSpan(i * data.Dimension, data.Dimension), 1);
            Assert.Equal(s_edgeIds[i], result.Ids[0]);
        }
    }

    [Fact]
    public void Minus_one_is_rejected_as_an_id_before_native_code()
    {
        using FaissIndex index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        var ex = Assert.Throws<ArgumentException>(() => index.Add(new float[8], new long[] { 5, -1 }));
        Assert.Equal("ids", ex.ParamName);
        Assert.StartsWith(FaissErrors.ReservedId(1), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }
}
