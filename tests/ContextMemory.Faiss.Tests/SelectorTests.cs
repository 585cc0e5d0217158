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
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        var allowed = data.Ids.Where((_, i) => i % 7 == 3).ToArray();
        var allowedSet = new HashSet<long>(allowed);
        using var selector = FaissIdSelector.FromIds(allowed);
        var options = new FaissSearchOptions { Selector = selector };

        var filled = 0;
        for (var q = 0; q < data.QueryCount; q++)
        {
            var result = index.Search(data.Query(q), K, options);
            Assert.All(result.Ids, id => Assert.Contains(id, allowedSet));
            filled += result.Count;
        }

        // HNSW's filtered search may come back short of k in sparse neighbourhoods; the others never do.
        Assert.True(filled >= data.QueryCount * K * (kind == IndexKinds.Hnsw ? 0.9 : 1.0), $"{kind}: {filled} hits");
    }

    [Fact]
    public void Allow_list_on_flat_equals_brute_force_over_the_allowed_subset()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        var positions = Enumerable.Range(0, data.Count).Where(i => i % 5 == 1).ToArray();
        using var selector = FaissIdSelector.FromIds(positions.Select(p => data.Ids[p]).ToArray());

        for (var q = 0; q < 20; q++)
        {
            var result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = selector });
            var expected = MetricScores.TopK(FaissMetric.L2, data.Query(q), data, K, positions);
            Assert.Equal(expected.Select(e => e.Id), result.Ids);
            for (var i = 0; i < K; i++)
            {
                Assert.Equal(expected[i].Score, result.Distances[i], 0.01f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Not_excludes_every_id_of_the_inner_selector(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);

        // Exclude each query's true top 5: the complement search must not return any of them.
        for (var q = 0; q < 10; q++)
        {
            var excluded = index.Search(data.Query(q), 5).Ids.ToArray();
            using var inner = FaissIdSelector.FromIds(excluded);
            using var complement = inner.Not();
            var result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = complement });
            Assert.Equal(K, result.Count);
            Assert.DoesNotContain(result.Ids, excluded.Contains);
        }
    }

    [Fact]
    public void Not_on_flat_equals_brute_force_over_the_complement_and_outlives_its_inner_selector()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        var excludedPositions = Enumerable.Range(0, data.Count).Where(i => i % 2 == 0).ToArray();
        var inner = FaissIdSelector.FromIds(excludedPositions.Select(p => data.Ids[p]).ToArray());
        using var complement = inner.Not();
        inner.Dispose();

        var kept = Enumerable.Range(0, data.Count).Where(i => i % 2 == 1).ToArray();
        for (var q = 0; q < 10; q++)
        {
            var result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = complement });
            Assert.Equal(MetricScores.TopK(FaissMetric.L2, data.Query(q), data, K, kept).Select(e => e.Id), result.Ids);
        }
    }

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Bitmap_selector_accepts_exactly_the_set_bits(string kind)
    {
        // Dense ids 0..N-1, as a store that owns slot numbers would use.
        var data = DataSets.Small;
        using var index = FaissIndex.Create(data.Dimension, IndexKinds.Spec(kind, data.Count, data.Dimension), FaissMetric.L2);
        if (index.Spec.RequiresTraining)
        {
            index.Train(data.Vectors);
        }

        index.Add(data.Vectors, Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray());
        var bitmap = new byte[(data.Count + 7) / 8];
        for (var id = 0; id < data.Count; id += 3)
        {
            bitmap[id >> 3] |= (byte)(1 << (id & 7));
        }

        using var selector = FaissIdSelector.FromBitmap(bitmap, data.Count);
        for (var q = 0; q < 20; q++)
        {
            var result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = selector });
            Assert.NotEqual(0, result.Count);
            Assert.All(result.Ids, id => Assert.Equal(0, id % 3));
        }

        if (kind == IndexKinds.Flat)
        {
            var positions = Enumerable.Range(0, data.Count).Where(i => i % 3 == 0).ToArray();
            var positional = new ClusteredDataView(data);
            var result = index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector });
            Assert.Equal(positional.TopK(data.Query(0), K, positions), result.Ids);
        }
    }

    [Theory]
    [MemberData(nameof(Filterable))]
    public void Range_selector_accepts_the_half_open_interval(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);

        // The data's ids spread over about +/- 3e12; keep the non-negative ones below 1e12.
        const long Min = 0;
        const long Max = 1_000_000_000_000;
        using var selector = FaissIdSelector.Range(Min, Max);
        for (var q = 0; q < 20; q++)
        {
            var result = index.Search(data.Query(q), K, new FaissSearchOptions { Selector = selector });
            Assert.NotEqual(0, result.Count);
            Assert.All(result.Ids, id => Assert.InRange(id, Min, Max - 1));
        }
    }

    [Fact]
    public void Product_quantizer_with_a_selector_throws_not_supported()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Pq, data);
        using var selector = FaissIdSelector.FromIds([data.Ids[0]]);
        Assert.False(index.Spec.SupportsSelector);
        var ex = Assert.Throws<NotSupportedException>(() => index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector }));
        Assert.Equal(FaissErrors.SelectorNotSupported(index.Description), ex.Message);
    }

    [Fact]
    public void A_kind_the_bridge_cannot_filter_reports_not_supported_from_native_code()
    {
        // LSH is not modelled by IndexSpec, so the managed pre-check lets it through and the bridge decides.
        var data = DataSets.Small;
        using var index = FaissIndex.Create(data.Dimension, IndexSpec.Factory("LSH"), FaissMetric.L2);
        Assert.Equal(FaissIndexKind.Custom, index.Spec.Kind);
        index.Add(data.Vectors, data.Ids);
        using var selector = FaissIdSelector.FromIds([data.Ids[0]]);
        var ex = Assert.Throws<NotSupportedException>(() => index.Search(data.Query(0), K, new FaissSearchOptions { Selector = selector }));
        Assert.Contains("selector", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_selector_cannot_be_used()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        var selector = FaissIdSelector.Range(0, 10);
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
            foreach (var p in positions)
            {
                scored.Add((p, BruteForce.SquaredL2(query, data.Vector(p))));
            }

            return [.. BruteForce.TopK(scored, k, higherIsBetter: false).Select(s => s.Id)];
        }
    }
}
