using System.Globalization;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// A child process writes a random mix of batch upserts, replacements and deletes and logs each acknowledgement; it
/// is killed with SIGKILL at a random moment, many times over the same directory. After every kill the store must
/// open, hold every acknowledged write exactly, keep every acknowledged delete, show the operation that was in flight
/// either wholly or not at all, and search consistently with its database.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class CrashConsistencyTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-crash-")
{
    private const int BaseSeed = 731_205;
    private const int MinWriteMilliseconds = 40;
    private const int MaxWriteMilliseconds = 1500;
    private const int SampledRecords = 12;
    private const int QueriesPerCheck = 5;
    private const int Top = 10;

    /// <summary>HNSW must find at least this share of the exact top 10 (the exact paths must match exactly).</summary>
    private const double MinHnswRecall = 0.95;

    /// <summary>IVF probes 8 of its lists once retrained, so it may miss a little more.</summary>
    private const double MinIvfRecall = 0.8;

    /// <summary>
    /// Index kind, kills, key space, seed. Dynamic and IvfFlat grow past their thresholds (Flat to HNSW at 150 vectors;
    /// IVF trained at 120 and retrained at 480).
    /// </summary>
    public static TheoryData<string, int, int, int> Kinds => new()
    {
        { IndexKind.Flat, 10, 400, BaseSeed + 1 },
        { IndexKind.Hnsw, 10, 400, BaseSeed + 2 },
        { IndexKind.Dynamic, 6, 500, BaseSeed + 3 },
        { IndexKind.IvfFlat, 6, 700, BaseSeed + 4 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Sigkill_during_mixed_writes_loses_no_acknowledged_write_and_resurrects_no_delete(string kind, int iterations, int keySpace, int seed)
    {
        var random = new Random(seed);
        var storeDirectory = Temp.Combine("store");
        var logPath = Temp.Combine("acks.log");
        var model = new Dictionary<long, long>();
        var totals = new Totals();
        var processed = 0;
        output.WriteLine($"kind {kind}: seed {seed}, {iterations} kills, key space {keySpace}, writes of {MinWriteMilliseconds}-{MaxWriteMilliseconds} ms before each kill");

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var writeFor = random.Next(MinWriteMilliseconds, MaxWriteMilliseconds + 1);
            int exitCode;
            string stderr;
            using (var writer = HostProcess.Start("crash-writer", storeDirectory, kind, logPath,
                (seed + iteration).ToString(CultureInfo.InvariantCulture), keySpace.ToString(CultureInfo.InvariantCulture)))
            {
                await writer.ReadUntilAsync("ready");
                await Task.Delay(writeFor);
                await writer.KillAsync();
                exitCode = await writer.WaitForExitAsync();
                stderr = writer.StandardError;
            }

            // 137 = 128 + SIGKILL: the child was running until the kill, and it logged no warning or error.
            Assert.True(exitCode == 137, $"iteration {iteration}: the writer exited with {exitCode} before the kill; stderr: {stderr}");
            Assert.True(stderr.Length == 0, $"iteration {iteration}: the writer reported: {stderr}");

            var operations = OperationLog.Read(logPath);
            var fresh = operations.Skip(processed).ToList();
            processed = operations.Count;
            var inFlight = fresh.LastOrDefault(o => !o.Acknowledged);
            Assert.True(fresh.Take(fresh.Count - 1).All(o => o.Acknowledged), $"iteration {iteration}: an operation other than the last lacks its acknowledgement");
            foreach (var operation in fresh.Where(o => o.Acknowledged))
            {
                Apply(model, operation);
            }

            totals.Acknowledged += fresh.Count(o => o.Acknowledged);
            totals.Leftovers += Directory.Exists(Path.Combine(storeDirectory, "indexes"))
                ? Directory.GetFiles(Path.Combine(storeDirectory, "indexes"), "*.tmp").Length
                : 0;

            var records = await VerifyAsync(storeDirectory, kind, keySpace, model, inFlight, totals, iteration);
            output.WriteLine(
                $"  kill {iteration + 1}: after {writeFor} ms, {fresh.Count(o => o.Acknowledged)} ops acknowledged, " +
                $"in flight: {Describe(inFlight)}, {records} records");
        }

        output.WriteLine(
            $"kind {kind}: {iterations} kills, {totals.Acknowledged} acknowledged ops checked ({totals.KeyChecks} key states compared), " +
            $"in-flight ops {totals.InFlightApplied} applied / {totals.InFlightAbsent} absent / {totals.Torn} torn, " +
            $"lost {totals.Lost}, resurrected {totals.Resurrected}, wrong contents {totals.Wrong}, " +
            $"searches checked {totals.Searches} ({(kind == IndexKind.Flat ? "exact" : $"ANN recall@{Top} {totals.Recall:F3}")}), leftover checkpoint temp files cleaned {totals.Leftovers}, " +
            $"quarantined checkpoints {totals.Quarantined}");

        Assert.Equal(0, totals.Lost);
        Assert.Equal(0, totals.Resurrected);
        Assert.Equal(0, totals.Wrong);
        Assert.Equal(0, totals.Torn);
        Assert.Equal(0, totals.Quarantined);
        Assert.True(totals.Acknowledged > iterations, $"only {totals.Acknowledged} operations were acknowledged over {iterations} runs");
        var minRecall = kind == IndexKind.IvfFlat ? MinIvfRecall : MinHnswRecall;
        Assert.True(totals.Recall >= minRecall, $"ANN recall {totals.Recall:F3} against brute force over the database is below {minRecall}");
    }

    private static void Apply(Dictionary<long, long> model, OperationLog.Operation operation)
    {
        foreach (var key in operation.Keys)
        {
            if (operation.Kind == OperationLog.Upsert)
            {
                model[key] = operation.Op;
            }
            else
            {
                model.Remove(key);
            }
        }
    }

    private static string Describe(OperationLog.Operation? operation) => operation is null
        ? "none"
        : $"op {operation.Op} ({(operation.Kind == OperationLog.Upsert ? "upsert" : "delete")} of {operation.Keys.Count} keys)";

    /// <summary>Opens the store, compares it with the model, resolves the in-flight operation, and checks searches.</summary>
    private async Task<int> VerifyAsync(
        string storeDirectory, string kind, int keySpace, Dictionary<long, long> model, OperationLog.Operation? inFlight, Totals totals, int iteration)
    {
        using var logger = new CapturingLoggerFactory();
        using var store = new FaissVectorStore(storeDirectory, ReliabilitySchema.StoreOptions(logger));
        var collection = ReliabilitySchema.Collection(store, ReliabilitySchema.CrashCollection, kind);
        var keys = Enumerable.Range(1, keySpace).Select(k => (long)k).ToList();
        var actual = new Dictionary<long, ReliabilityRecord>();
        await foreach (var record in collection.GetAsync(keys, new RecordRetrievalOptions { IncludeVectors = true }))
        {
            actual[record.Id] = record;
        }

        // The operation in flight at the kill: all of its keys as before it, or all as after it.
        if (inFlight is not null)
        {
            var after = new Dictionary<long, long>(model);
            Apply(after, inFlight);
            var asBefore = inFlight.Keys.All(k => Same(actual.GetValueOrDefault(k), model, k));
            var asAfter = inFlight.Keys.All(k => Same(actual.GetValueOrDefault(k), after, k));
            if (asAfter)
            {
                totals.InFlightApplied++;
                Apply(model, inFlight);
            }
            else if (asBefore)
            {
                totals.InFlightAbsent++;
            }
            else
            {
                totals.Torn++;
                output.WriteLine($"  kill {iteration + 1}: op {inFlight.Op} is partly applied: " +
                    string.Join(", ", inFlight.Keys.Select(k => $"{k}={actual.GetValueOrDefault(k)?.Version.ToString(CultureInfo.InvariantCulture) ?? "absent"}")));
                Apply(model, inFlight);
            }
        }

        foreach (var key in keys)
        {
            totals.KeyChecks++;
            var found = actual.GetValueOrDefault(key);
            if (found is not null && !RecordFactory.Matches(found))
            {
                totals.Wrong++;
                output.WriteLine($"  kill {iteration + 1}: key {key} holds contents no write produced (version {found.Version})");
            }
            else if (model.TryGetValue(key, out var version) && found?.Version != version)
            {
                totals.Lost++;
                output.WriteLine($"  kill {iteration + 1}: key {key} should be version {version}, found {found?.Version.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
            }
            else if (!model.ContainsKey(key) && found is not null)
            {
                totals.Resurrected++;
                output.WriteLine($"  kill {iteration + 1}: key {key} should be absent, found version {found.Version}");
            }
        }

        var records = actual.Values.ToList();
        await CheckSearchesAsync(store, collection, kind, records, totals, new Random(iteration));
        totals.Quarantined += logger.Warnings.Count;
        foreach (var message in logger.Entries)
        {
            output.WriteLine($"  kill {iteration + 1}: logged {message.Level}: {message.Message}");
        }

        return records.Count;
    }

    private static bool Same(ReliabilityRecord? found, Dictionary<long, long> state, long key) =>
        state.TryGetValue(key, out var version) ? found?.Version == version : found is null;

    private static async Task CheckSearchesAsync(
        FaissVectorStore store, FaissCollection<long, ReliabilityRecord> collection, string kind, List<ReliabilityRecord> records, Totals totals, Random random)
    {
        var live = await StoreInspection.LiveCountsAsync(store, ReliabilitySchema.CrashCollection);
        Assert.Equal(records.Count, live[0]);
        if (records.Count == 0)
        {
            return;
        }

        var exact = kind == IndexKind.Flat;
        if (exact)
        {
            // The index holds exactly the database's vectors: a search for everything returns every record once.
            var all = new List<long>();
            await foreach (var hit in collection.SearchAsync(RecordFactory.QueryOf(0), records.Count + 5))
            {
                all.Add(hit.Record.Id);
            }

            Assert.Equal(records.Select(r => r.Id).Order(), all.Order());
            for (var i = 0; i < SampledRecords; i++)
            {
                var sample = records[random.Next(records.Count)];
                var top = await collection.SearchAsync(sample.Embedding, 1).SingleAsync();
                Assert.Equal(sample.Id, top.Record.Id);
                Assert.Equal(0, top.Score!.Value, 5);
                totals.Searches++;
            }
        }

        for (var q = 0; q < QueriesPerCheck; q++)
        {
            var query = RecordFactory.QueryOf(random.Next(100_000));
            var expected = ExactAnswers.Nearest(records, query, Top);
            var hits = await collection.SearchAsync(query, Top, new VectorSearchOptions<ReliabilityRecord> { IncludeVectors = true }).ToListAsync();
            totals.Searches++;
            foreach (var hit in hits)
            {
                Assert.True(RecordFactory.Matches(hit.Record));
                Assert.Contains(records, r => r.Id == hit.Record.Id && r.Version == hit.Record.Version);
                var exactDistance = BruteForce.SquaredL2(query, hit.Record.Embedding.Span);
                Assert.True(Math.Abs(exactDistance - hit.Score!.Value) <= 1e-4 * Math.Max(1, exactDistance), $"record {hit.Record.Id} scored {hit.Score} but is at {exactDistance}");
            }

            if (exact)
            {
                Assert.Null(ExactAnswers.Difference(expected, [.. hits.Select(h => (h.Record.Id, h.Score!.Value))]));
            }
            else
            {
                totals.AddRecall(expected.Count(e => hits.Any(h => h.Record.Id == e.Id)), expected.Count);
            }

            // A filter matching few records is answered exactly on every kind.
            var tag = RecordFactory.TagOf(random.Next(RecordFactory.TagCount));
            var tagged = records.Where(r => r.Tag == tag).ToList();
            var filtered = await collection.SearchAsync(query, Top, new VectorSearchOptions<ReliabilityRecord> { Filter = r => r.Tag == tag }).ToListAsync();
            totals.Searches++;
            Assert.Null(ExactAnswers.Difference(ExactAnswers.Nearest(tagged, query, Top), [.. filtered.Select(h => (h.Record.Id, h.Score!.Value))]));
        }
    }

    private sealed class Totals
    {
        public int Acknowledged { get; set; }

        public long KeyChecks { get; set; }

        public int InFlightApplied { get; set; }

        public int InFlightAbsent { get; set; }

        public int Torn { get; set; }

        public int Lost { get; set; }

        public int Resurrected { get; set; }

        public int Wrong { get; set; }

        public int Searches { get; set; }

        public int Leftovers { get; set; }

        public int Quarantined { get; set; }

        public long RecallSamples { get; private set; }

        private long RecallHits { get; set; }

        public double Recall => RecallSamples == 0 ? 1 : (double)RecallHits / RecallSamples;

        public void AddRecall(int hits, int of)
        {
            RecallHits += hits;
            RecallSamples += of;
        }
    }
}
