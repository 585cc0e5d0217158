using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// Invalid input is rejected by the managed layer with an <see cref="ArgumentException"/> carrying a message
/// from <see cref="FaissErrors"/> (which native code cannot produce), and the index is left unchanged.
/// </summary>
public sealed class ArgumentValidationTests : IDisposable
{
    private const int Dimension = 8;
    private readonly FaissIndex _index;
    private readonly float[] _vectors;
    private readonly long[] _ids;

    public ArgumentValidationTests()
    {
        var data = new ClusteredData(50, Dimension, centres: 3, queryCount: 2, seed: 2);
        _vectors = data.Vectors;
        _ids = data.Ids;
        _index = FaissIndex.Create(Dimension, IndexSpec.Flat(), FaissMetric.L2);
        _index.Add(_vectors, _ids);
    }

    public static TheoryData<float> NonFinite => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

    public void Dispose() => _index.Dispose();

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Add_with_a_non_finite_component_anywhere_adds_nothing(float bad)
    {
        foreach (var position in new[] { 0, 7, 8, 63, 64, 200, (_vectors.Length / 2) + 3, _vectors.Length - 1 })
        {
            var vectors = (float[])_vectors.Clone();
            vectors[position] = bad;
            var ex = Assert.Throws<ArgumentException>(() => _index.Add(vectors, _ids.Select(id => id + 1).ToArray()));
            Assert.Equal("vectors", ex.ParamName);
            Assert.StartsWith(FaissErrors.NonFinite(position, Dimension), ex.Message, StringComparison.Ordinal);
            Assert.Equal(50, _index.Count);
        }
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Search_and_train_reject_non_finite_queries(float bad)
    {
        var query = _vectors.AsSpan(0, Dimension).ToArray();
        query[5] = bad;
        Assert.Equal("query", Assert.Throws<ArgumentException>(() => _index.Search(query, 3)).ParamName);
        Assert.Equal("queries", Assert.Throws<ArgumentException>(() => _index.Search(query, 3, new float[3], new long[3])).ParamName);
        Assert.Equal("queries", Assert.Throws<ArgumentException>(() => _index.RangeSearch(query, 1f)).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentException>(() => _index.SearchSubset(query, 3, _ids)).ParamName);

        using var ivf = FaissIndex.Create(Dimension, IndexSpec.IvfFlat(2), FaissMetric.L2);
        var training = (float[])_vectors.Clone();
        training[^1] = bad;
        Assert.Throws<ArgumentException>(() => ivf.Train(training));
        Assert.False(ivf.IsTrained);
    }

    [Fact]
    public void Dimension_mismatch_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => _index.Add(new float[Dimension + 1], [1]));
        Assert.StartsWith(FaissErrors.VectorsNotMultiple(Dimension + 1, Dimension), ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => _index.Search(new float[Dimension - 1], 1));
        Assert.StartsWith(FaissErrors.QueryDimension(Dimension - 1, Dimension), ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _index.Search(new float[(2 * Dimension) + 1], 1, new float[4], new long[4]));
        Assert.Throws<ArgumentException>(() => _index.SearchSubset(new float[Dimension * 2], 1, _ids));
        Assert.Equal(50, _index.Count);
    }

    [Fact]
    public void Id_count_must_match_vector_count()
    {
        var ex = Assert.Throws<ArgumentException>(() => _index.Add(new float[Dimension * 3], new long[] { 1, 2 }));
        Assert.Equal("ids", ex.ParamName);
        Assert.StartsWith(FaissErrors.IdCountMismatch(2, 3), ex.Message, StringComparison.Ordinal);
        Assert.Equal(50, _index.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void K_must_be_positive(int k)
    {
        var query = new float[Dimension];
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Search(query, k));
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Search(query, k, new float[10], new long[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.SearchSubset(query, k, _ids));
    }

    [Fact]
    public void Output_spans_must_hold_queries_times_k()
    {
        var queries = new float[Dimension * 3];
        var ex = Assert.Throws<ArgumentException>(() => _index.Search(queries, 4, new float[11], new long[12]));
        Assert.Equal("distances", ex.ParamName);
        Assert.StartsWith(FaissErrors.OutputTooSmall(11, 12), ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => _index.Search(queries, 4, new float[12], new long[11]));
        Assert.Equal("labels", ex.ParamName);
        Assert.Throws<ArgumentException>(() => _index.SearchSubset(queries.AsSpan(0, Dimension), 4, _ids, new float[3], new long[4]));
        Assert.Throws<ArgumentException>(() => _index.Reconstruct(_ids[0], new float[Dimension - 1]));
        Assert.Throws<ArgumentException>(() => _index.Reconstruct(_ids.AsSpan(0, 2), new float[(2 * Dimension) - 1]));
    }

    [Fact]
    public void Search_options_are_validated()
    {
        var query = new float[Dimension];
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Search(query, 1, new FaissSearchOptions { EfSearch = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Search(query, 1, new FaissSearchOptions { NProbe = -3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.RangeSearch(query, float.NaN));
    }

    [Fact]
    public void Null_and_empty_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => FaissIndex.Create(4, null!, FaissMetric.L2));
        Assert.Throws<ArgumentNullException>(() => FaissIndex.Load(null!));
        Assert.Throws<ArgumentException>(() => FaissIndex.Load(string.Empty));
        Assert.Throws<ArgumentNullException>(() => FaissIndex.Peek(null!));
        Assert.Throws<ArgumentNullException>(() => _index.Save(null!));
        Assert.Throws<ArgumentNullException>(() => IndexSpec.Factory(null!));
        Assert.Throws<ArgumentException>(() => IndexSpec.Factory("   "));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.Load("x", maxBytes: -1));
    }

    [Fact]
    public void Create_validates_dimension_metric_and_spec_fit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.Create(0, IndexSpec.Flat(), FaissMetric.L2));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.Create(-4, IndexSpec.Flat(), FaissMetric.L2));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.Create(4, IndexSpec.Flat(), (FaissMetric)7));
        var ex = Assert.Throws<ArgumentException>(() => FaissIndex.Create(30, IndexSpec.ProductQuantized(8), FaissMetric.L2));
        Assert.StartsWith(FaissErrors.PqDimensionNotMultiple(30, 8), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_needs_enough_vectors_and_adding_needs_training()
    {
        using var ivf = FaissIndex.Create(Dimension, IndexSpec.IvfFlat(nlist: 100), FaissMetric.L2);
        var ex = Assert.Throws<ArgumentException>(() => ivf.Train(_vectors));
        Assert.StartsWith(FaissErrors.TooFewTrainingVectors(50, 100, "IVF100,Flat"), ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ivf.Train(ReadOnlySpan<float>.Empty));

        var notTrained = Assert.Throws<InvalidOperationException>(() => ivf.Add(_vectors, _ids));
        Assert.Equal(FaissErrors.NotTrained("IVF100,Flat"), notTrained.Message);
        Assert.Equal(0, ivf.Count);
    }

    [Fact]
    public void Search_defaults_apply_only_to_their_kind()
    {
        Assert.Throws<NotSupportedException>(() => _index.EfSearch = 10);
        Assert.Throws<NotSupportedException>(() => _index.NProbe = 10);
        using var hnsw = FaissIndex.Create(Dimension, IndexSpec.Hnsw(), FaissMetric.L2);
        Assert.Throws<ArgumentOutOfRangeException>(() => hnsw.EfSearch = 0);
        hnsw.EfSearch = 99;
        Assert.Equal(99, hnsw.Spec.EfSearch);
    }

    [Fact]
    public void Empty_batches_are_accepted_without_effect()
    {
        _index.Add(ReadOnlySpan<float>.Empty, ReadOnlySpan<long>.Empty);
        _index.Search(ReadOnlySpan<float>.Empty, 5, Span<float>.Empty, Span<long>.Empty);
        Assert.Equal(0, _index.Remove(ReadOnlySpan<long>.Empty));
        Assert.Equal(0, _index.RangeSearch(ReadOnlySpan<float>.Empty, 1f).QueryCount);
        Assert.Equal(50, _index.Count);
    }
}
