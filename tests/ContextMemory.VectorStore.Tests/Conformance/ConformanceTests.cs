using System.Linq.Expressions;
using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// The behaviour every collection of the store must have, written once and run for every index kind and every
/// record shape (each key type, and dynamic records) by the small subclasses in <c>ConformanceMatrix.cs</c>.
/// Each test gets a fresh store directory. Seeded collections hold more vectors than the training / switch
/// threshold, so IVF and SQ8 are trained and Dynamic has switched to HNSW when the tests run.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TRecord">The record type.</typeparam>
public abstract partial class ConformanceTests<TKey, TRecord> : IDisposable
    where TKey : notnull
    where TRecord : class
{
    protected const int Dimensions = Schema.DefaultDimensions;

    /// <summary>Records a seeded collection holds; above <see cref="TestOptions.Threshold"/>.</summary>
    protected const int SeedCount = 240;

    /// <summary>Samples beyond <see cref="SeedCount"/> are for records a test adds.</summary>
    private static readonly IReadOnlyList<Sample> AllSamples = Sample.Generate(SeedCount + 40, Dimensions);

    private readonly TempStore _temp = new();
    private readonly Random _random = new(1234);

    protected ConformanceTests(RecordShape<TKey, TRecord> shape, IndexKindCase kind)
    {
        Shape = shape;
        Kind = kind;
    }

    protected RecordShape<TKey, TRecord> Shape { get; }

    protected IndexKindCase Kind { get; }

    protected FaissVectorStore Store => _temp.Store;

    protected TruthTable<TKey> Truth { get; } = new();

    protected static Sample SampleAt(int ordinal) => AllSamples[ordinal];

    /// <summary>A sample no seeded record uses.</summary>
    protected static Sample ExtraSample(int i) => AllSamples[SeedCount + i];

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Schema SchemaFor(bool twoVectors = false) => new(Shape.KeyType, Kind.IndexKind, TwoVectors: twoVectors);

    protected VectorStoreCollection<TKey, TRecord> CollectionObject(string name = "conformance", bool twoVectors = false) =>
        Shape.Collection(Store, name, SchemaFor(twoVectors));

    /// <summary>A created, empty collection.</summary>
    protected async Task<VectorStoreCollection<TKey, TRecord>> EmptyAsync(string name = "conformance", bool twoVectors = false)
    {
        var collection = CollectionObject(name, twoVectors);
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }

    /// <summary>
    /// A collection holding the first <see cref="SeedCount"/> samples (upserted in one batch), with its indexes at the
    /// kind planned for that size once background maintenance is done.
    /// </summary>
    protected async Task<VectorStoreCollection<TKey, TRecord>> SeededAsync(string name = "conformance", bool twoVectors = false)
    {
        var collection = await EmptyAsync(name, twoVectors);
        var records = new List<TRecord>();
        for (var i = 0; i < SeedCount; i++)
        {
            var key = Shape.Key(i);
            records.Add(Shape.Create(key, SampleAt(i), twoVectors));
            Truth.Upsert(key, SampleAt(i));
        }

        await collection.UpsertAsync(records);
        var kinds = await StoreInternals.IndexKindsAsync(Store, name);
        Assert.All(kinds, kind => Assert.Equal(Kind.Planned, kind));
        return collection;
    }

    protected TRecord RecordOf(TKey key) => Shape.Create(key, Truth[key], twoVectors: false);

    /// <summary>The oracle ranking of the live records for a query, over the records matching <paramref name="filter"/>.</summary>
    protected List<Scored<TKey>> OracleRanking(
        ReadOnlyMemory<float> query, Expression<Func<TRecord, bool>>? filter = null, bool alternate = false, string distanceFunction = DistanceFunction.CosineSimilarity)
    {
        var matches = filter?.Compile();
        var candidates = Truth.Entries
            .Where(e => matches is null || matches(Shape.Create(e.Key, e.Sample, twoVectors: false)))
            .ToList();
        return [.. Scoring.Rank(candidates, e => alternate ? e.Sample.Alternate : e.Sample.Embedding, query, distanceFunction)
            .Select(s => new Scored<TKey>(s.Item.Key, s.Score))];
    }

    /// <summary>Asserts a search result list against the oracle ranking (see <see cref="RankingAssert.Matches"/>).</summary>
    protected void AssertRanking(
        IReadOnlyList<VectorSearchResult<TRecord>> results, List<Scored<TKey>> oracle, int top, int skip = 0,
        string distanceFunction = DistanceFunction.CosineSimilarity) =>
        RankingAssert.Matches(RankingAssert.Pairs(results, Shape.KeyOf), oracle, top, skip, distanceFunction, Kind.ToleranceFor);

    protected static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    protected async Task<List<VectorSearchResult<TRecord>>> SearchAsync<TInput>(
        VectorStoreCollection<TKey, TRecord> collection, TInput query, int top, VectorSearchOptions<TRecord>? options = null)
        where TInput : notnull => await ListAsync(collection.SearchAsync(query, top, options));

    /// <summary>Every live record, read back through a filter that matches all of them.</summary>
    protected async Task<List<TRecord>> AllRecordsAsync(VectorStoreCollection<TKey, TRecord> collection, bool includeVectors = false) =>
        await ListAsync(collection.GetAsync(r => true, int.MaxValue, new FilteredRecordRetrievalOptions<TRecord> { IncludeVectors = includeVectors }));

    /// <summary>Asserts the collection holds exactly the truth table's records and data.</summary>
    protected async Task AssertContentsAsync(VectorStoreCollection<TKey, TRecord> collection)
    {
        var stored = (await AllRecordsAsync(collection)).ToDictionary(Shape.KeyOf, Shape.DataOf);
        Assert.Equal(Truth.Count, stored.Count);
        foreach (var (key, sample) in Truth.Entries)
        {
            Assert.True(stored.TryGetValue(key, out var data), $"{key} is missing");
            Assert.Equal(RecordData.Of(sample), data);
        }
    }

    protected float[] NewVector() => TestVectors.Uniform(_random, Dimensions);

    protected Sample Changed(Sample sample) => sample.Changed(_random);
}
