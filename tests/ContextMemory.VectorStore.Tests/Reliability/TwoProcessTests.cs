using System.Diagnostics;
using System.Security.Cryptography;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// The test process and a child process open the same store directory and write (their own keys and shared ones),
/// search and checkpoint concurrently. Each acknowledges its commits to the other, which must see them by its next
/// search; afterwards both see the same final state, and it is the one the acknowledgements imply.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class TwoProcessTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-twoproc-")
{
    private const int ParentSeed = 31_337;
    private const int ChildSeed = 27_182;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Two_processes_writing_one_directory_see_each_others_commits_by_their_next_search()
    {
        using var logger = new CapturingLoggerFactory();
        using var store = new FaissVectorStore(Temp.Path, ReliabilitySchema.StoreOptions(logger));
        using var child = HostProcess.Start("peer", Temp.Path, ChildSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var parent = new PeerWorker(store, PeerProtocol.ParentWriter, PeerProtocol.ParentKeyBase, ParentSeed, child.WriteLine);
        await parent.EnsureCollectionsAsync();
        await child.ReadUntilAsync("ready");

        var childAcks = new List<PeerProtocol.Ack>();
        var childChecks = new List<PeerProtocol.Check>();
        var childState = new List<(string Collection, long Key, string State)>();
        var childErrors = new List<string>();
        string? done = null;
        var pump = Task.Run(async () =>
        {
            while (await child.ReadLineAsync() is { } line)
            {
                switch (line.Split(' ')[0])
                {
                    case "ack":
                        var ack = PeerProtocol.ParseAck(line);
                        childAcks.Add(ack);
                        parent.Incoming.Enqueue(ack);
                        break;
                    case "check":
                        childChecks.Add(PeerProtocol.ParseCheck(line));
                        break;
                    case "state":
                        childState.Add(PeerProtocol.ParseState(line));
                        break;
                    case "done":
                        done = line;
                        break;
                    default:
                        childErrors.Add(line);
                        break;
                }
            }
        });

        var clock = Stopwatch.StartNew();
        await Task.Run(() => parent.RunAsync(() => clock.Elapsed < Duration));
        child.WriteLine("stop");
        await pump;
        var exitCode = await child.WaitForExitAsync();
        Assert.True(exitCode == 0 && done is not null, $"the child exited with {exitCode}; stderr: {child.StandardError}");
        await parent.DrainAsync();
        var parentState = (await parent.SnapshotAsync()).Select(s => (s.Collection, s.Record.Id, PeerProtocol.Describe(s.Record))).ToList();

        Assert.True(parent.Errors.Count == 0, string.Join(Environment.NewLine, parent.Errors));
        Assert.True(childErrors.Count == 0, string.Join(Environment.NewLine, childErrors));
        Assert.True(child.StandardError.Length == 0, child.StandardError);

        var parentHistory = History(parent.OwnAcks, PeerProtocol.ParentWriter);
        var childHistory = History(childAcks, PeerProtocol.ChildWriter);
        var violations = Violations(parent.Checks, childHistory).Concat(Violations(childChecks, parentHistory)).ToList();

        // Both processes see the same final state, and it is what the acknowledgements imply.
        Assert.Equal(parentState.Order(), childState.Order());
        var final = parentState.ToDictionary(s => (s.Collection, s.Item2), s => s.Item3);
        var stateErrors = new List<string>();
        foreach (var collection in PeerProtocol.Collections.Select(c => c.Name))
        {
            foreach (var (key, states) in parentHistory.Concat(childHistory).Where(h => h.Key.Collection == collection && h.Key.Key >= PeerProtocol.OverlapKeys))
            {
                var expected = states[^1].State;
                var actual = final.GetValueOrDefault((collection, key.Key), PeerProtocol.None);
                if (actual != expected)
                {
                    stateErrors.Add($"{collection} key {key.Key}: last acknowledged {expected}, final {actual}");
                }
            }

            for (long key = 1; key < PeerProtocol.OverlapKeys; key++)
            {
                var candidates = new[] { parentHistory, childHistory }
                    .Select(h => h.TryGetValue((collection, key), out var s) ? s[^1].State : null)
                    .Where(s => s is not null).ToList();
                var actual = final.GetValueOrDefault((collection, key), PeerProtocol.None);
                if (candidates.Count == 0 ? actual != PeerProtocol.None : !candidates.Contains(actual))
                {
                    stateErrors.Add($"{collection} shared key {key}: final {actual}, but the last writes were [{string.Join(", ", candidates)}]");
                }
            }
        }

        output.WriteLine($"seeds {ParentSeed}/{ChildSeed}, {Duration.TotalSeconds:F0} s: parent {parent.OwnAcks.Count} ops, {parent.Searches} searches, {parent.Checkpoints} checkpoints; " +
            $"child {done}; cross-process visibility checks: {parent.Checks.Count} by the parent, {childChecks.Count} by the child, {violations.Count} violations; " +
            $"final records {parentState.Count} (identical in both processes), {stateErrors.Count} wrong; errors 0; {logger.Entries.Count} warnings logged");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(20)));
        Assert.True(stateErrors.Count == 0, string.Join(Environment.NewLine, stateErrors.Take(20)));
        Assert.True(parent.Checks.Count > 0 && childChecks.Count > 0, "one side never checked the other's writes");
        Assert.Empty(logger.Entries);
    }

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task A_checkpoint_written_by_one_process_is_loaded_and_replayed_by_another(string kind)
    {
        var (exitCode, lines, stderr) = await HostProcess.RunAsync("checkpoint-writer", Temp.Path, kind);
        Assert.True(exitCode == 0 && lines.SequenceEqual(["checkpointed", "done"]), $"exit {exitCode}, output [{string.Join(" / ", lines)}], stderr {stderr}");

        var checkpoint = Path.Combine(Temp.Path, "indexes", "c1-v0.cmfi");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(checkpoint));
        var checkpointVid = StoreInspection.CheckpointAppliedVid(checkpoint);
        Assert.Equal(ReplayScenario.BaseCount, checkpointVid);

        using var logger = new CapturingLoggerFactory();
        using var store = new FaissVectorStore(Temp.Path, ReplayScenario.StoreOptions(logger));
        var name = ReplayScenario.CollectionName(kind);
        var collection = ReliabilitySchema.Collection(store, name, kind);
        var expected = ReplayScenario.Expected();
        var live = await StoreInspection.LiveCountsAsync(store, name);

        // Loaded, not rebuilt: a rebuild at open would have been checkpointed over the old file.
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(checkpoint)));
        Assert.Empty(logger.Entries);
        Assert.False(Directory.Exists(Path.Combine(Temp.Path, "quarantine")) && Directory.EnumerateFiles(Path.Combine(Temp.Path, "quarantine")).Any());
        Assert.Equal(expected.Count, live[0]);

        var records = await collection.GetAsync(r => r.Id > 0, int.MaxValue, new FilteredRecordRetrievalOptions<ReliabilityRecord> { IncludeVectors = true }).ToListAsync();
        Assert.Equal(expected.OrderBy(e => e.Key), records.Select(r => KeyValuePair.Create(r.Id, r.Version)).OrderBy(e => e.Key));
        Assert.All(records, r => Assert.True(RecordFactory.Matches(r)));

        // The replayed changes are in the index: new and replaced vectors are found, deleted and replaced-away ones are not.
        var checkedSearches = 0;
        foreach (var record in records.Where(r => r.Version > 1))
        {
            var top = await collection.SearchAsync(record.Embedding, 1).SingleAsync();
            Assert.Equal(record.Id, top.Record.Id);
            checkedSearches++;
        }

        foreach (var key in ReplayScenario.Deleted.Concat(Enumerable.Range(1, 20).Select(k => (long)k)))
        {
            var gone = RecordFactory.VectorOf(key, 1, "w");
            var top = await collection.SearchAsync(gone, 1, new VectorSearchOptions<ReliabilityRecord> { IncludeVectors = true }).SingleAsync();
            Assert.NotEqual(0, BruteForce.SquaredL2(gone, top.Record.Embedding.Span));
            checkedSearches++;
        }

        for (var q = 0; q < 5; q++)
        {
            var query = RecordFactory.QueryOf(q);
            var hits = await collection.SearchAsync(query, 10).ToListAsync();
            Assert.Null(ExactAnswers.Difference(ExactAnswers.Nearest(records, query, 10), [.. hits.Select(h => (h.Record.Id, h.Score!.Value))]));
            checkedSearches++;
        }

        output.WriteLine($"kind {kind}: the child checkpointed at vid {checkpointVid} and exited without closing; this process loaded that checkpoint " +
            $"(unchanged on disk, no warning) and replayed 60 inserts, 20 replacements and 20 deletes to {live[0]} live vectors; {checkedSearches} searches checked");
    }

    /// <summary>Per (collection, key), the states a writer's acknowledged operations produced, in order.</summary>
    private static Dictionary<(string Collection, long Key), List<(long Op, string State)>> History(IEnumerable<PeerProtocol.Ack> acks, string writer)
    {
        var history = new Dictionary<(string, long), List<(long, string)>>();
        foreach (var ack in acks)
        {
            foreach (var key in ack.Keys)
            {
                if (!history.TryGetValue((ack.Collection, key), out var states))
                {
                    history[(ack.Collection, key)] = states = [];
                }

                states.Add((ack.Op, ack.Kind == 'U' ? $"{writer}:{ack.Op}" : PeerProtocol.None));
            }
        }

        return history;
    }

    /// <summary>
    /// A check fails when the observer saw a state older than the acknowledged one: what it saw must be the state the
    /// acknowledged operation produced or one a later operation of the writer produced.
    /// </summary>
    private static IEnumerable<string> Violations(IEnumerable<PeerProtocol.Check> checks, Dictionary<(string Collection, long Key), List<(long Op, string State)>> writerHistory)
    {
        foreach (var check in checks)
        {
            var states = writerHistory[(check.Collection, check.Key)];
            var from = states.FindIndex(s => s.Op == check.AckedOp);
            var allowed = states.Skip(from).Select(s => s.State).ToList();
            if (from < 0 || !allowed.Contains(check.Observed))
            {
                yield return $"{check.Collection} key {check.Key}: after op {check.AckedOp} was acknowledged the other process saw {check.Observed}, allowed [{string.Join(", ", allowed)}]";
            }

            // The exact collection must rank the acknowledged vector first, unless a later write replaced it.
            if (check.TopHit != PeerProtocol.NotApplicable && from == states.Count - 1 && check.TopHit != $"{check.Key}:{states[from].State}")
            {
                yield return $"{check.Collection} key {check.Key}: searching for its acknowledged vector found {check.TopHit} first";
            }
        }
    }
}
