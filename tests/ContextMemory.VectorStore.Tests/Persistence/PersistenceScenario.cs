using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// A store directory with one collection of conformance records, the truth table of what it must hold, and
/// checks that a store opened on that directory (or a copy of it) holds exactly that: every record with its data,
/// and searches equal to brute force over the truth.
/// </summary>
public sealed class PersistenceScenario : IDisposable
{
    public const string CollectionName = "persisted";
    public const int Dimensions = Schema.DefaultDimensions;
    private static readonly IReadOnlyList<Sample> Samples = Sample.Generate(600, Dimensions, seed: 31);
    private readonly Random _random = new(8);
    private int _nextOrdinal;

    public PersistenceScenario(IndexKindCase kind, CapturingLoggerFactory? logs = null)
    {
        Kind = kind;
        Logs = logs ?? new CapturingLoggerFactory();
        Temp = new TempStore(TestOptions.Store(loggerFactory: Logs));
    }

    public IndexKindCase Kind { get; }

    public CapturingLoggerFactory Logs { get; }

    public TempStore Temp { get; }

    public TypedShape<long> Shape { get; } = new();

    /// <summary>What the collection must hold; a test that rolls the database back restores an earlier copy.</summary>
    public TruthTable<long> Truth { get; set; } = new();

    public Schema Schema => new(typeof(long), Kind.IndexKind);

    public VectorStoreCollection<long, ConformanceRecord<long>> Collection(FaissVectorStore store) => Shape.Collection(store, CollectionName, Schema);

    public void Dispose() => Temp.Dispose();

    /// <summary>Creates the collection in the current store and inserts <paramref name="count"/> new records in one batch.</summary>
    public async Task SeedAsync(int count)
    {
        var collection = Collection(Temp.Store);
        await collection.EnsureCollectionExistsAsync();
        await InsertAsync(count);
    }

    /// <summary>Inserts <paramref name="count"/> new records in one batch.</summary>
    public async Task InsertAsync(int count)
    {
        var records = new List<ConformanceRecord<long>>();
        for (var i = 0; i < count; i++)
        {
            var ordinal = _nextOrdinal++;
            records.Add(Shape.Create(Shape.Key(ordinal), Samples[ordinal], twoVectors: false));
            Truth.Upsert(Shape.Key(ordinal), Samples[ordinal]);
        }

        await Collection(Temp.Store).UpsertAsync(records);
    }

    /// <summary>A mix of changes: new records, replaced vectors and data, deletions (every <paramref name="stride"/>-th live record).</summary>
    public async Task ChangeAsync(int inserts, int replacements, int stride)
    {
        var collection = Collection(Temp.Store);
        await InsertAsync(inserts);
        foreach (var key in Truth.Keys.Where((_, i) => i % 7 == 3).Take(replacements).ToList())
        {
            var changed = Truth[key].Changed(_random);
            await collection.UpsertAsync(Shape.Create(key, changed, twoVectors: false));
            Truth.Upsert(key, changed);
        }

        var deleted = Truth.Keys.Where((_, i) => i % stride == 1).ToList();
        await collection.DeleteAsync(deleted);
        foreach (var key in deleted)
        {
            Truth.Delete(key);
        }
    }

    /// <summary>
    /// Copies the store directory while the store is open and not disposed, after background maintenance has finished
    /// (so nothing writes during the copy): what a process killed now would leave behind.
    /// </summary>
    public async Task<string> CrashImageAsync()
    {
        await StoreInternals.WaitForMaintenanceAsync(Temp.Store, CollectionName);
        return Temp.CopyAsCrashImage();
    }

    /// <summary>Keys of records deleted so far (their samples were inserted and are not live).</summary>
    public IEnumerable<long> DeletedKeys => Enumerable.Range(0, _nextOrdinal).Select(Shape.Key).Where(k => !Truth.Contains(k));

    /// <summary>Search results (key, score) of a few fixed queries, with and without a filter: a fingerprint of the index.</summary>
    public async Task<List<(long Key, double Score)>[]> SearchFingerprintAsync(FaissVectorStore store)
    {
        var collection = Collection(store);
        var fingerprint = new List<List<(long, double)>>();
        foreach (var query in Queries())
        {
            fingerprint.Add(RankingAssert.Pairs(await collection.SearchAsync(query, 10).ToListAsync(), r => r.Key));
            fingerprint.Add(RankingAssert.Pairs(
                await collection.SearchAsync(query, 10, new VectorSearchOptions<ConformanceRecord<long>> { Filter = r => r.Category == "beta" }).ToListAsync(),
                r => r.Key));
        }

        return [.. fingerprint];
    }

    /// <summary>
    /// Asserts the store holds exactly the truth: every live record with its data and vector, no deleted record, and
    /// search rankings (plain and filtered) equal to brute force over the truth within the index kind's tolerance.
    /// </summary>
    public async Task AssertMatchesTruthAsync(FaissVectorStore store)
    {
        var collection = Collection(store);
        var stored = await collection.GetAsync(r => true, int.MaxValue, new FilteredRecordRetrievalOptions<ConformanceRecord<long>> { IncludeVectors = true }).ToListAsync();
        Assert.Equal(Truth.Count, stored.Count);
        foreach (var record in stored)
        {
            Assert.True(Truth.Contains(record.Key), $"{record.Key} should not exist");
            Assert.Equal(RecordData.Of(Truth[record.Key]), Shape.DataOf(record));
            Assert.Equal(Truth[record.Key].Embedding, record.Embedding!.Value.ToArray());
        }

        foreach (var deleted in DeletedKeys.Take(20))
        {
            Assert.Null(await collection.GetAsync(deleted));
        }

        await AssertSearchesMatchAsync(store, Truth, DeletedKeys.Take(3).Select(SampleOf));
    }

    /// <summary>
    /// Asserts that searches (plain and filtered) for a few fixed queries and for <paramref name="moreQueries"/> rank like
    /// brute force over <paramref name="searchable"/>, within the index kind's tolerance.
    /// </summary>
    public async Task AssertSearchesMatchAsync(FaissVectorStore store, TruthTable<long> searchable, IEnumerable<Sample> moreQueries)
    {
        var collection = Collection(store);
        foreach (var query in Queries().Concat(moreQueries.Select(s => s.Embedding)))
        {
            RankingAssert.Matches(
                RankingAssert.Pairs(await collection.SearchAsync(query, 10).ToListAsync(), r => r.Key),
                Oracle(searchable, query, null), 10, 0, DistanceFunction.CosineSimilarity, Kind.ToleranceFor);
            RankingAssert.Matches(
                RankingAssert.Pairs(await collection.SearchAsync(query, 10, new VectorSearchOptions<ConformanceRecord<long>> { Filter = r => r.Category == "beta" }).ToListAsync(), r => r.Key),
                Oracle(searchable, query, "beta"), 10, 0, DistanceFunction.CosineSimilarity, Kind.ToleranceFor);
        }
    }

    /// <summary>The sample record <paramref name="key"/> was first inserted with.</summary>
    public Sample SampleOf(long key) => Samples[Enumerable.Range(0, _nextOrdinal).First(i => Shape.Key(i) == key)];

    private static List<Scored<long>> Oracle(TruthTable<long> truth, float[] query, string? category) =>
        [.. Scoring.Rank(truth.Entries.Where(e => category is null || e.Sample.Category == category), e => e.Sample.Embedding, query, DistanceFunction.CosineSimilarity)
            .Select(s => new Scored<long>(s.Item.Key, s.Score))];

    private static float[][] Queries() => [Samples[5].Embedding, .. TestVectors.Uniform(404, 3, Dimensions)];
}
