using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

public sealed class SelectorTests
{
    private const int K = 10;

    public static TheoryData<string> Filterable => IndexKinds.Filterable;

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Allow_list_returns_only_allowed_ids_and_fills_k(string kind)
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(kind, data);
        long[] allowed = data.Ids.Where((_, i) => i % 7 == 3).ToArray();
        var allowedSet = new HashSet<long>(allowed);
        using FaissIdSelector selector = FaissIdSelector.FromIds(allowed);
        var options = new FaissSearchOptions { Selector = selector };

        int filled = 0;
        for (int q = 0; q < data.QueryCount; q++)
        {
            FaissSearchResult result = index.Search(data.Query(q), K, options);
            Assert.All(result.Ids, id => Assert.Contains(id, allowedSet));
            filled += result.Count;
        }

        // HNSW's filtered search may come back short of k in sparse neighbourhoods; the others never do.
        Assert.True(filled >= data.QueryCount * K * (kind == IndexKinds.Hnsw ? 0.9 : 1.0), $"{kind}: {filled} hits");
    }

    [Fact]
    public void Allow_list_on_flat_equals_brute_force_over_the_allowed_subset()
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(IndexKinds.Flat, data);
        int[] positions = Enumerable.Range(0, data.Count).Where(i => i % 5 == 1).ToArray();
        using FaissIdSelector selector = FaissIdSelector.FromIds(positions.Select(p => data.Ids[p]).ToArray());

        for (int q = 0; q < 20; q++)
        {
            FaissSearchResult result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = selector });
            (long Id, float Score)[] expected = BruteForce.TopK(FaissMetric.L2, data.Query(q), data, K, positions);
            Assert.Equal(expected.Select(e => e.Id), result.Ids);
            for (int i = 0; i < K; i++)
            {
                Assert.Equal(expected[i].Score, result.Distances[i], 0.01f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Not_excludes_every_id_of_the_inner_selector(string kind)
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(kind, data);

        // Exclude each query's true top 5: the complement search must not return any of them.
        for (int q = 0; q < 10; q++)
        {
            long[] excluded = index.Search(data.Query(q), 5).Ids.ToArray();
            using FaissIdSelector inner = FaissIdSelector.FromIds(excluded);
            using FaissIdSelector complement = inner.Not();
            FaissSearchResult result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = complement });
            Assert.Equal(K, result.Count);
            Assert.DoesNotContain(result.Ids, excluded.Contains);
        }
    }

    [Fact]
    public void Not_on_flat_equals_brute_force_over_the_complement_and_outlives_its_inner_selector()
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(IndexKinds.Flat, data);
        int[] excludedPositions = Enumerable.Range(0, data.Count).Where(i => i % 2 == 0).ToArray();
        FaissIdSelector inner = FaissIdSelector.FromIds(excludedPositions.Select(p => data.Ids[p]).ToArray());
        using FaissIdSelector complement = inner.Not();
        inner.Dispose();

        int[] kept = Enumerable.Range(0, data.Count).Where(i => i % 2 == 1).ToArray();
        for (int q = 0; q < 10; q++)
        {
            FaissSearchResult result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = complement });
            Assert.Equal(BruteForce.TopK(FaissMetric.L2, data.Query(q), data, K, kept).Select(e => e.Id), result.Ids);
        }
    }

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Bitmap_selector_accepts_exactly_the_set_bits(string kind)
    {
        // Dense ids 0..N-1, as a store that owns slot numbers would use.
        ClusteredData data = DataSets.Small;
        using FaissIndex index = FaissIndex.Create(data.Dimension, IndexKinds.Spec(kind, data.Count, data.Dimension), FaissMetric.L2);
        if (index.Spec.RequiresTraining)
        {
            index.Train(data.Vectors);
        }

        index.Add(data.Vectors, Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray());
        var bitmap = new byte[(data.Count + 7) / 8];
        for (int id = 0; id < data.Count; id += 3)
        {
            bitmap[id >> 3] |= (byte)(1 << (id & 7));
        }

        using FaissIdSelector selector = FaissIdSelector.FromBitmap(bitmap, data.Count);
        for (int q = 0; q < 20; q++)
        {
            FaissSearchResult result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = selector });
            Assert.NotEqual(0, result.Count);
            Assert.All(result.Ids, id => Assert.Equal(0, id % 3));
        }

        if (kind == IndexKinds.Flat)
        {
            int[] positions = Enumerable.Range(0, data.Count).Where(i => i % 3 == 0).ToArray();
            var positional = new ClusteredDataView(data);
            FaissSearchResult result = index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector });
            Assert.Equal(positional.TopK(data.Query(0), K, positions), result.Ids);
        }
    }

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Range_selector_accepts_the_half_open_interval(string kind)
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(kind, data);

        // The data's ids spread over about +/- 3e12; keep the non-negative ones below 1e12.
        const long Min = 0;
        const long Max = 1_000_000_000_000;
        using FaissIdSelector selector = FaissIdSelector.Range(Min, Max);
        for (int q = 0; q < 20; q++)
        {
            FaissSearchResult result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = selector });
            Assert.NotEqual(0, result.Count);
            Assert.All(result.Ids, id => Assert.InRange(id, Min, Max - 1));
        }
    }

    [Fact]
    public void Product_quantizer_with_a_selector_throws_not_supported()
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(IndexKinds.Pq, data);
        using FaissIdSelector selector = FaissIdSelector.FromIds([data.Ids[0]]);
        Assert.False(index.Spec.SupportsSelector);
        var ex = Assert.Throws<NotSupportedException>(() => index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector }));
        Assert.Equal(FaissErrors.SelectorNotSupported(index.Description), ex.Message);
    }

    [Fact]
    public void A_kind_the_bridge_cannot_filter_reports_not_supported_from_native_code()
    {
        // LSH is not modelled by IndexSpec, so the managed pre-check lets it through and the bridge decides.
        ClusteredData data = DataSets.Small;
        using FaissIndex index = FaissIndex.Create(data.Dimension, IndexSpec.Factory("LSH"), FaissMetric.L2);
        Assert.Equal(FaissIndexKind.Custom, index.Spec.Kind);
        index.Add(data.Vectors, data.Ids);
        using FaissIdSelector selector = FaissIdSelector.FromIds([data.Ids[0]]);
        var ex = Assert.Throws<NotSupportedException>(() => index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector }));
        Assert.Contains("selector", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_selector_cannot_be_used()
    {
        ClusteredData data = DataSets.Small;
        using FaissIndex index = IndexKinds.Build(IndexKinds.Flat, data);
        FaissIdSelector selector = FaissIdSelector.Range(0, 10);
        selector.Dispose();
        Assert.True(selector.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector }));
        Assert.Throws<ObjectDisposedException>(() => selector.Not());
    }

    [Fact]
    public void Selector_arguments_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIdSelector.Range(10, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIdSelector.FromBitmap(new byte[1], -1));
        var ex = Assert.Throws<ArgumentException>(() => FaissIdSelector.FromBitmap(new byte[1], 9));
        Assert.Equal(FaissErrors.BitmapTooShort(1, 9) + " (Parameter 'bitmap')", ex.Message);
    }

    /// <summary>Brute force over the data with positions as ids.</summary>
    private sealed class ClusteredDataView(ClusteredData data)
    {
        public long[] TopK(ReadOnlySpan<float> query, int k, int[] positions)
        {
            var scored = new List<(long Id, float Score)>();
            foreach (int p in positions)
            {
                scored.Add((p, BruteForce.SquaredL2(query, data.Vector(p))));
            }

            return scored.OrderBy(s => s.Score).Take(k).Select(s => s.Id).ToArray();
        }
    }
}
