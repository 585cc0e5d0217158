using System.Collections.Concurrent;
using ContextMemory.Tests.Shared;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Search;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// A collection deleted and at once created again under the same name while other callers search, hybrid-search, get,
/// upsert, delete and checkpoint in it. Every record carries the incarnation it was written for in its section ("s3": seeded
/// into incarnation 3, "l3": written by an operation that started while incarnation 3 stood, "t3": written while incarnation
/// 3 was being replaced, so it may land in 3 or 4). An operation that started on one incarnation completes against that one
/// or fails with the documented missing-collection error; it never reads or writes the next one, never leaks a storage
/// error or a disposed object; store-wide checkpoints and compactions are not disturbed; and the store stays consistent
/// through checkpoint, compaction and reopening.
/// </summary>
public sealed class RecreateWhileInUseTests : IDisposable
{
    private const string Name = "contested";
    private const int Dimensions = 16;
    private const int Records = 300;
    private const int Bands = 4;
    private const int Workers = 5;
    private const int Incarnations = 8;
    private const int OperationsPerIncarnation = 6;
    private readonly TempStore _temp = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Dictionary<string, FaissCollection<int, ArticleRecord>> _objects = [];
    private int _phase;
    private int _started;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task Operations_racing_with_a_delete_and_recreate_never_touch_the_new_collection_and_the_store_stays_consistent(string indexKind)
    {
        var other = indexKind == IndexKind.Flat ? IndexKind.Hnsw : IndexKind.Flat;
        _objects[indexKind] = Typed(_temp.Store, indexKind);
        _objects[other] = Typed(_temp.Store, other);
        var bystander = await ArticleCollections.LoadAsync(_temp.Store, "bystander", indexKind, Dimensions, 50, new Random(99));
        await CreateAsync(0, KindOf(0, indexKind));
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w, indexKind, stop.Token))).ToArray();

        for (var incarnation = 1; incarnation < Incarnations; incarnation++)
        {
            await WaitForWorkersAsync(incarnation - 1);
            await CheckIncarnationAsync(incarnation - 1, KindOf(incarnation - 1, indexKind));
            Volatile.Write(ref _phase, Transit(incarnation - 1));
            if (incarnation % 2 == 0)
            {
                await _objects[KindOf(incarnation - 1, indexKind)].EnsureCollectionDeletedAsync();
            }
            else
            {
                await _temp.Store.EnsureCollectionDeletedAsync(Name);
            }

            await CreateAsync(incarnation, KindOf(incarnation, indexKind));
        }

        var last = Incarnations - 1;
        await WaitForWorkersAsync(last);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.True(_violations.IsEmpty, string.Join(Environment.NewLine, _violations.Distinct().Take(15)));

        var lastKind = KindOf(last, indexKind);
        await CheckIncarnationAsync(last, lastKind);
        await _temp.Store.CheckpointAsync();
        await _temp.Store.CompactAsync();
        var query = TestVectors.Uniform(new Random(7), Dimensions);
        var before = await ContentsAsync(_objects[lastKind]);
        var bystanderBefore = await bystander.SearchAsync(query, 10).Select(h => h.Record.Id).ToListAsync();
        var reopened = _temp.Reopen();
        var after = await ContentsAsync(Typed(reopened, lastKind));
        Assert.Equal(before, after);
        Assert.True(_violations.IsEmpty, string.Join(Environment.NewLine, _violations.Distinct().Take(15)));
        var hits = await Typed(reopened, lastKind).SearchAsync(query, 10).ToListAsync();
        Assert.Equal(10, hits.Count);
        Assert.All(hits, hit => Assert.Contains(last, IncarnationsOf(hit.Record.Section)));
        var bystanderAgain = reopened.GetCollection<int, ArticleRecord>("bystander", Definition(indexKind, extra: false));
        Assert.Equal(bystanderBefore, await bystanderAgain.SearchAsync(query, 10).Select(h => h.Record.Id).ToListAsync());
        Assert.Equal(["bystander", Name], (await reopened.ListCollectionNamesAsync().ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_upsert_still_embedding_when_its_collection_is_recreated_fails_as_missing_and_writes_nothing_into_the_new_one()
    {
        using var embedding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var generator = new ScriptedEmbeddingGenerator<string>(text =>
        {
            embedding.Set();
            release.Wait();
            return TestVectors.Uniform(new Random(text.Length), Dimensions);
        });
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(int)),
                new VectorStoreVectorProperty("Body", typeof(string), Dimensions) { IndexKind = IndexKind.Flat },
            ],
            EmbeddingGenerator = generator,
        };
        var collection = _temp.Store.GetDynamicCollection(Name, definition);
        await collection.EnsureCollectionExistsAsync();

        var upsert = Task.Run(() => collection.UpsertAsync(new Dictionary<string, object?> { ["Id"] = 1, ["Body"] = "written for the old one" }));
        await Task.Run(() => embedding.Wait());
        await collection.EnsureCollectionDeletedAsync();
        await collection.EnsureCollectionExistsAsync();
        release.Set();

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => upsert);
        Assert.True(IsMissingCollection(error), error.ToString());
        Assert.Empty(await collection.GetAsync(r => true, 10).ToListAsync());
    }

    [Fact]
    public async Task A_get_of_many_keys_recreated_under_between_its_chunks_never_returns_records_of_the_new_collection()
    {
        var collection = Typed(_temp.Store, IndexKind.Flat);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(1, Records).Select(i => Article(i, "s0", new Random(i))));
        var read = new List<string>();

        // The first chunk of keys is read when the first record is asked for; the collection is replaced before the next one.
        await using (var records = collection.GetAsync(Enumerable.Range(1, Records)).GetAsyncEnumerator())
        {
            Assert.True(await records.MoveNextAsync());
            read.Add(records.Current.Section);
            await collection.EnsureCollectionDeletedAsync();
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(Enumerable.Range(1, Records).Select(i => Article(i, "s1", new Random(i))));
            try
            {
                while (await records.MoveNextAsync())
                {
                    read.Add(records.Current.Section);
                }
            }
            catch (VectorStoreException ex) when (IsMissingCollection(ex))
            {
                // The documented outcome once the collection it started on is gone.
            }
        }

        Assert.All(read, section => Assert.Equal("s0", section));
    }

    private static int Live(int incarnation) => incarnation * 2;

    private static int Transit(int incarnation) => (incarnation * 2) + 1;

    /// <summary>The index kind of incarnation <paramref name="incarnation"/>: the test's kind and the other in turn.</summary>
    private static string KindOf(int incarnation, string indexKind) =>
        incarnation % 2 == 0 ? indexKind : indexKind == IndexKind.Flat ? IndexKind.Hnsw : IndexKind.Flat;

    /// <summary>The incarnations a record of <paramref name="section"/> may belong to.</summary>
    private static int[] IncarnationsOf(string section)
    {
        var number = int.Parse(section.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        return section[0] == 't' ? [number, number + 1] : [number];
    }

    private static FaissCollection<int, ArticleRecord> Typed(FaissVectorStore store, string indexKind) =>
        (FaissCollection<int, ArticleRecord>)store.GetCollection<int, ArticleRecord>(Name, Definition(indexKind, extra: false));

    private static VectorStoreCollectionDefinition Definition(string indexKind, bool extra)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(ArticleRecord.Id), typeof(int)),
                new VectorStoreDataProperty(nameof(ArticleRecord.Section), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(ArticleRecord.Body), typeof(string)) { IsFullTextIndexed = true },
                new VectorStoreVectorProperty(nameof(ArticleRecord.Vector), typeof(ReadOnlyMemory<float>), Dimensions) { IndexKind = indexKind },
            ],
        };
        if (extra)
        {
            definition.Properties.Add(new VectorStoreDataProperty("Extra", typeof(string)));
        }

        return definition;
    }

    private static ArticleRecord Article(int id, string section, Random random) => new()
    {
        Id = id,
        Section = section,
        Body = $"word number {id}",
        Vector = TestVectors.Uniform(random, Dimensions),
    };

    /// <summary>Creates incarnation <paramref name="incarnation"/> through one of four kinds of caller, seeds it, then announces it.</summary>
    private async Task CreateAsync(int incarnation, string indexKind)
    {
        switch (incarnation % 4)
        {
            case 0:
                await _objects[indexKind].EnsureCollectionExistsAsync();
                break;
            case 2:
                // Another object, another schema: one more data property (the workers' objects still fit).
                await _temp.Store.GetDynamicCollection(Name, Definition(indexKind, extra: true)).EnsureCollectionExistsAsync();
                break;
            default:
                await Typed(_temp.Store, indexKind).EnsureCollectionExistsAsync();
                break;
        }

        var random = new Random(incarnation);
        await _objects[indexKind].UpsertAsync(Enumerable.Range(1, Records).Select(i => Article(i, $"s{incarnation}", random)));
        Volatile.Write(ref _started, 0);
        Volatile.Write(ref _phase, Live(incarnation));
    }

    private async Task WaitForWorkersAsync(int incarnation)
    {
        while (Volatile.Read(ref _started) < Workers * OperationsPerIncarnation && _violations.Count < 100)
        {
            await Task.Delay(1);
        }

        Assert.Equal(Live(incarnation), Volatile.Read(ref _phase));
    }

    /// <summary>
    /// Incarnation <paramref name="incarnation"/> holds nothing written for an earlier one, and every seeded record an
    /// operation of the previous incarnation may have deleted (its band) is still there.
    /// </summary>
    private async Task CheckIncarnationAsync(int incarnation, string indexKind)
    {
        var contents = await ContentsAsync(_objects[indexKind]);
        foreach (var (id, section) in contents.Where(r => !IncarnationsOf(r.Value).Contains(incarnation)))
        {
            _violations.Enqueue($"incarnation {incarnation} holds record {id} written for incarnation(s) {string.Join('/', IncarnationsOf(section))} ({section})");
        }

        if (incarnation > 0)
        {
            foreach (var id in Enumerable.Range(1, Records).Where(i => i % Bands == (incarnation - 1) % Bands && !contents.ContainsKey(i)))
            {
                _violations.Enqueue($"incarnation {incarnation} lost record {id}: only operations of incarnation {incarnation - 1} delete it");
            }
        }
    }

    private static async Task<SortedDictionary<int, string>> ContentsAsync(FaissCollection<int, ArticleRecord> collection)
    {
        var contents = new SortedDictionary<int, string>();
        await foreach (var record in collection.GetAsync(r => r.Id > 0, int.MaxValue))
        {
            contents.Add(record.Id, record.Section);
        }

        return contents;
    }

    private async Task WorkAsync(int worker, string indexKind, CancellationToken stop)
    {
        var random = new Random(worker);
        for (var done = 0; !stop.IsCancellationRequested; done++)
        {
            var phase = Volatile.Read(ref _phase);
            var incarnation = phase / 2;
            var live = phase % 2 == 0;
            var kind = live ? KindOf(incarnation, indexKind) : random.Next(2) == 0 ? indexKind : KindOf(1, indexKind);
            var operation = random.Next(live ? 10 : 8);
            if (live)
            {
                Interlocked.Increment(ref _started);
            }

            try
            {
                var sections = await OneOperationAsync(_objects[kind], operation, live ? $"l{incarnation}" : $"t{incarnation}", incarnation, random);
                CheckRead(sections, operation, phase);
            }
            catch (Exception ex) when (IsMissingCollection(ex) || (!live && ex is InvalidOperationException))
            {
                // Deleted under the operation; or started while the collection was being replaced, by an object that does not fit
                // the old or the new one (their index kinds differ).
            }
            catch (Exception ex)
            {
                _violations.Enqueue($"operation {operation} started in phase {Describe(phase)} failed: {ex.GetType().Name}: {ex.Message} {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}");
            }
        }
    }

    /// <summary>What a read returned comes from one incarnation, the one that stood when it started if it started while one stood.</summary>
    private void CheckRead(List<string> sections, int operation, int phase)
    {
        var possible = sections.Select(IncarnationsOf).Aggregate((IEnumerable<int>?)null, (all, next) => all is null ? next : all.Intersect(next))?.ToList();
        if (possible is null)
        {
            return;
        }

        if (possible.Count == 0 || (phase % 2 == 0 && !possible.Contains(phase / 2)))
        {
            _violations.Enqueue($"operation {operation} started in phase {Describe(phase)} read records of {string.Join(',', sections.Distinct().Order())}");
        }
    }

    private static string Describe(int phase) => phase % 2 == 0 ? $"incarnation {phase / 2} standing" : $"incarnation {phase / 2} being replaced";

    private static bool IsMissingCollection(Exception ex) =>
        ex is VectorStoreException { InnerException: CollectionMissingException } error
        && error.Message.Contains(VectorStoreErrors.CollectionDoesNotExist(Name), StringComparison.Ordinal);

    /// <summary>One operation; returns the sections of the records it read (none for writes).</summary>
    private async Task<List<string>> OneOperationAsync(
        FaissCollection<int, ArticleRecord> collection, int operation, string section, int incarnation, Random random)
    {
        var query = TestVectors.Uniform(random, Dimensions);
        switch (operation)
        {
            case 0:
                return [.. (await collection.SearchAsync(query, 10).ToListAsync()).Select(r => r.Record.Section)];
            case 1:
                return [.. (await collection.SearchAsync(query, 10, new() { Filter = r => r.Section == section }).ToListAsync()).Select(r => r.Record.Section)];
            case 2:
                return [.. (await collection.HybridSearchAsync(query, ["word"], 10).ToListAsync()).Select(r => r.Record.Section)];
            case 3:
                return [.. (await collection.GetAsync(Enumerable.Range(1, Records), new() { IncludeVectors = true }).ToListAsync()).Select(r => r.Section)];
            case 4:
                return [.. (await collection.GetAsync(r => r.Id > 0, 50).ToListAsync()).Select(r => r.Section)];
            case 5:
                await collection.UpsertAsync([Article(random.Next(1, Records + 1), section, random), Article(random.Next(1, Records + 1), section, random)]);
                return [];
            case 6:
                await collection.CheckpointAsync();
                return [];
            case 7:
                if (random.Next(4) == 0)
                {
                    await _temp.Store.CompactAsync();
                }
                else
                {
                    await _temp.Store.CheckpointAsync();
                }

                return [];
            default:
                // Only operations started while incarnation n stands delete, and only records of band n.
                await collection.DeleteAsync(Enumerable.Range(0, 3).Select(_ => (random.Next(0, Records / Bands) * Bands) + (incarnation % Bands)).Where(i => i > 0));
                return [];
        }
    }
}
