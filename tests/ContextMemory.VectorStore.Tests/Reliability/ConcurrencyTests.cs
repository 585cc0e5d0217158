using System.Collections.Concurrent;
using System.Diagnostics;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// Readers searching (with and without filters) and getting while a writer upserts and deletes in the same process:
/// no operation fails, every record a reader sees is exactly one that was written, no record that exists throughout
/// (the writer replaces but never deletes the first <see cref="StableKeys"/> keys) is ever missing from a search, and
/// afterwards the index holds exactly the database's vectors.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class ConcurrencyTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-concurrency-")
{
    private const int Seed = 90_210;
    private const int Readers = 3;
    private const int InitialRecords = 300;
    private const int KeySpace = 700;
    private const int StableKeys = 12;
    private const int CheckpointEvery = 60;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    [InlineData(IndexKind.Dynamic)]
    public async Task Readers_racing_a_writer_see_only_written_records_and_the_index_ends_equal_to_the_database(string kind)
    {
        using var logger = new CapturingLoggerFactory();
        var name = "race-" + kind;
        var written = new ConcurrentDictionary<(long Id, long Version), byte>();
        var counters = new Counters();
        var failures = new ConcurrentQueue<string>();
        using (var store = new FaissVectorStore(Temp.Path, ReliabilitySchema.StoreOptions(logger)))
        {
            var collection = ReliabilitySchema.Collection(store, name, kind);
            await collection.EnsureCollectionExistsAsync();
            var initial = Enumerable.Range(1, InitialRecords).Select(k => RecordFactory.Create(k, 1)).ToList();
            initial.ForEach(r => written[(r.Id, r.Version)] = 0);
            await collection.UpsertAsync(initial);

            using var stop = new CancellationTokenSource();
            var writer = Task.Run(() => WriteAsync(collection, written, counters, stop));
            var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(() => ReadAsync(collection, written, counters, failures, Seed + r + 1, stop))).ToList();
            await writer;
            await Task.WhenAll(readers);

            Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(20)));
            await AssertIndexEqualsDatabaseAsync(store, collection, name, kind, written);
        }

        // Reopening loads what the run checkpointed, quietly, and still equals the database.
        using (var store = new FaissVectorStore(Temp.Path, ReliabilitySchema.StoreOptions(logger)))
        {
            await AssertIndexEqualsDatabaseAsync(store, ReliabilitySchema.Collection(store, name, kind), name, kind, written);
        }

        output.WriteLine($"kind {kind}: seed {Seed}, {Duration.TotalSeconds:F0} s of writing with {Readers} readers: " +
            $"{counters.Upserts} upserts ({counters.UpsertedRecords} records), {counters.Deletes} deletes, {counters.Checkpoints} checkpoints; " +
            $"{counters.Searches} searches ({counters.FilteredSearches} filtered), {counters.Gets} gets, {counters.RecordsChecked} returned records checked, " +
            $"{counters.CompletenessChecks} searches checked for records that exist throughout, " +
            $"0 exceptions; {logger.Entries.Count} warnings or errors logged");
        Assert.Empty(logger.Entries);
    }

    private static async Task WriteAsync(
        FaissCollection<long, ReliabilityRecord> collection, ConcurrentDictionary<(long, long), byte> written, Counters counters, CancellationTokenSource stop)
    {
        try
        {
            var random = new Random(Seed);
            var live = Enumerable.Range(1, InitialRecords).Select(k => (long)k).ToList();
            var clock = Stopwatch.StartNew();
            for (long op = 2; clock.Elapsed < Duration; op++)
            {
                if (random.NextDouble() < 0.65 || live.Count < 50)
                {
                    var keys = Enumerable.Range(0, random.Next(1, 9))
                        .Select(_ => (long)(random.Next(2) == 0 ? random.Next(1, StableKeys + 1) : random.Next(1, KeySpace + 1))).Distinct().ToList();
                    var version = op;
                    // Registered before the call: a reader may see the record as soon as the commit lands.
                    keys.ForEach(k => written[(k, version)] = 0);
                    await collection.UpsertAsync(keys.Select(k => RecordFactory.Create(k, version)));
                    live.AddRange(keys.Where(k => !live.Contains(k)));
                    counters.Upserts++;
                    counters.UpsertedRecords += keys.Count;
                }
                else
                {
                    var keys = Enumerable.Range(0, random.Next(1, 4)).Select(_ => live[random.Next(live.Count)]).Where(k => k > StableKeys).Distinct().ToList();
                    await collection.DeleteAsync(keys);
                    live.RemoveAll(keys.Contains);
                    counters.Deletes++;
                }

                if (op % CheckpointEvery == 0)
                {
                    await collection.CheckpointAsync();
                    counters.Checkpoints++;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static async Task ReadAsync(
        FaissCollection<long, ReliabilityRecord> collection, ConcurrentDictionary<(long, long), byte> written, Counters counters,
        ConcurrentQueue<string> failures, int seed, CancellationTokenSource stop)
    {
        var random = new Random(seed);
        void Check(ReliabilityRecord record, string context)
        {
            Interlocked.Increment(ref counters.RecordsChecked);
            if (!written.ContainsKey((record.Id, record.Version)) || !RecordFactory.Matches(record))
            {
                failures.Enqueue($"{context} returned record {record.Id} version {record.Version}, which was never written");
            }
        }

        while (!stop.IsCancellationRequested)
        {
            try
            {
                var query = RecordFactory.QueryOf(random.Next(1_000_000));
                switch (random.Next(7))
                {
                    case 6:
                        {
                            // Hybrid search has the same guarantee: a record that exists at every instant is never missing.
                            var key = (long)random.Next(1, StableKeys + 1);
                            var hits = await collection.HybridSearchAsync(
                                query, ["record"], 1, new HybridSearchOptions<ReliabilityRecord> { Filter = r => r.Id == key }).ToListAsync();
                            Interlocked.Increment(ref counters.Searches);
                            Interlocked.Increment(ref counters.FilteredSearches);
                            Interlocked.Increment(ref counters.CompletenessChecks);
                            if (hits.Count != 1 || hits[0].Record.Id != key)
                            {
                                failures.Enqueue($"a hybrid search filtered on key {key}, which always exists, returned {hits.Count} records");
                            }

                            break;
                        }

                    case 5:
                        {
                            // A record that exists at every instant is found, whatever version it is at.
                            var key = (long)random.Next(1, StableKeys + 1);
                            var hits = await collection.SearchAsync(query, 1, new VectorSearchOptions<ReliabilityRecord> { Filter = r => r.Id == key }).ToListAsync();
                            Interlocked.Increment(ref counters.Searches);
                            Interlocked.Increment(ref counters.FilteredSearches);
                            Interlocked.Increment(ref counters.CompletenessChecks);
                            if (hits.Count != 1 || hits[0].Record.Id != key)
                            {
                                failures.Enqueue($"a search filtered on key {key}, which always exists, returned {hits.Count} records");
                            }

                            break;
                        }

                    case 0:
                    case 1:
                        {
                            var filtered = random.Next(2) == 0;
                            var tag = RecordFactory.TagOf(random.Next(RecordFactory.TagCount));
                            var minVersion = (long)random.Next(50);
                            var options = new VectorSearchOptions<ReliabilityRecord>
                            {
                                IncludeVectors = true,
                                Filter = filtered ? (random.Next(2) == 0 ? r => r.Tag == tag : r => r.Version > minVersion && r.Tag != tag) : null,
                            };
                            var hits = await collection.SearchAsync(query, 10, options).ToListAsync();
                            Interlocked.Increment(ref counters.Searches);
                            if (filtered)
                            {
                                Interlocked.Increment(ref counters.FilteredSearches);
                            }
                            else
                            {
                                // At least StableKeys records exist at every instant: ten are always there to return.
                                Interlocked.Increment(ref counters.CompletenessChecks);
                                if (hits.Count != 10)
                                {
                                    failures.Enqueue($"an unfiltered search for 10 returned {hits.Count} records");
                                }
                            }

                            foreach (var hit in hits)
                            {
                                Check(hit.Record, "a search");
                                if (options.Filter is not null && !options.Filter.Compile()(hit.Record))
                                {
                                    failures.Enqueue($"a filtered search returned record {hit.Record.Id}, which does not match the filter");
                                }

                                if (Math.Abs(BruteForce.SquaredL2(query, hit.Record.Embedding.Span) - hit.Score!.Value) > 1e-3 * Math.Max(1, hit.Score.Value))
                                {
                                    failures.Enqueue($"a search scored record {hit.Record.Id} at {hit.Score} but its vector is at another distance");
                                }
                            }

                            if (hits.Zip(hits.Skip(1)).Any(p => p.First.Score > p.Second.Score) || hits.Select(h => h.Record.Id).Distinct().Count() != hits.Count)
                            {
                                failures.Enqueue("a search returned results out of order or twice");
                            }

                            break;
                        }

                    case 2:
                        {
                            var record = await collection.GetAsync(random.Next(1, KeySpace + 1), new RecordRetrievalOptions { IncludeVectors = true });
                            Interlocked.Increment(ref counters.Gets);
                            if (record is not null)
                            {
                                Check(record, "a get");
                            }

                            break;
                        }

                    case 3:
                        {
                            var keys = Enumerable.Range(0, 20).Select(_ => (long)random.Next(1, KeySpace + 1)).ToList();
                            await foreach (var record in collection.GetAsync(keys, new RecordRetrievalOptions { IncludeVectors = true }))
                            {
                                Check(record, "a batch get");
                            }

                            Interlocked.Increment(ref counters.Gets);
                            break;
                        }

                    default:
                        {
                            var tag = RecordFactory.TagOf(random.Next(RecordFactory.TagCount));
                            await foreach (var record in collection.GetAsync(r => r.Tag == tag, 50))
                            {
                                Check(record, "a filtered get");
                            }

                            Interlocked.Increment(ref counters.Gets);
                            break;
                        }
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex.ToString());
            }
        }
    }

    private static async Task AssertIndexEqualsDatabaseAsync(
        FaissVectorStore store, FaissCollection<long, ReliabilityRecord> collection, string name, string kind, ConcurrentDictionary<(long, long), byte> written)
    {
        var records = await collection.GetAsync(r => r.Id > 0, int.MaxValue, new FilteredRecordRetrievalOptions<ReliabilityRecord> { IncludeVectors = true }).ToListAsync();
        Assert.All(records, r => Assert.True(written.ContainsKey((r.Id, r.Version)) && RecordFactory.Matches(r)));
        Assert.Equal(records.Count, (await StoreInspection.LiveCountsAsync(store, name))[0]);

        var query = RecordFactory.QueryOf(7);
        if (kind == IndexKind.Flat)
        {
            var all = await collection.SearchAsync(query, records.Count + 10).ToListAsync();
            Assert.Equal(records.Select(r => r.Id).Order(), all.Select(h => h.Record.Id).Order());
            var hits = await collection.SearchAsync(query, 10).ToListAsync();
            Assert.Null(ExactAnswers.Difference(ExactAnswers.Nearest(records, query, 10), [.. hits.Select(h => (h.Record.Id, h.Score!.Value))]));
        }

        for (var t = 0; t < RecordFactory.TagCount; t++)
        {
            var tag = RecordFactory.TagOf(t);
            var hits = await collection.SearchAsync(query, 10, new VectorSearchOptions<ReliabilityRecord> { Filter = r => r.Tag == tag }).ToListAsync();
            Assert.Null(ExactAnswers.Difference(ExactAnswers.Nearest(records.Where(r => r.Tag == tag), query, 10), [.. hits.Select(h => (h.Record.Id, h.Score!.Value))]));
        }
    }

    private sealed class Counters
    {
        public int Upserts;
        public int UpsertedRecords;
        public int Deletes;
        public int Checkpoints;
        public int Searches;
        public int FilteredSearches;
        public int Gets;
        public int RecordsChecked;
        public int CompletenessChecks;
    }
}
