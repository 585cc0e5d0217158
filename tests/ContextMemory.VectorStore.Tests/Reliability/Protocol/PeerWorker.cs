using System.Collections.Concurrent;
using System.Globalization;
using ContextMemory.Tests.Shared;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// One side of the two-process test, run identically by the test process and the child: writes its own keys
/// (inserts, replacements, deletes) and shared overlap keys into two collections, acknowledges each committed
/// operation, searches, checkpoints now and then, and checks every operation the other side acknowledged with its
/// next searches.
/// </summary>
public sealed class PeerWorker
{
    private const int CheckpointEvery = 40;
    private readonly string _writer;
    private readonly long _keyBase;
    private readonly Random _random;
    private readonly Action<string> _emitAck;
    private readonly Dictionary<string, FaissCollection<long, ReliabilityRecord>> _collections = [];
    private readonly Dictionary<string, List<long>> _ownLive = [];
    private long _nextKey;
    private long _op;

    public PeerWorker(FaissVectorStore store, string writer, long keyBase, int seed, Action<string> emitAck)
    {
        _writer = writer;
        _keyBase = keyBase;
        _nextKey = keyBase;
        _random = new Random(seed);
        _emitAck = emitAck;
        foreach (var (name, kind) in PeerProtocol.Collections)
        {
            _collections[name] = ReliabilitySchema.Collection(store, name, kind);
            _ownLive[name] = [];
        }
    }

    /// <summary>Acknowledgements of the other side, checked by the next searches.</summary>
    public ConcurrentQueue<PeerProtocol.Ack> Incoming { get; } = new();

    public List<PeerProtocol.Ack> OwnAcks { get; } = [];

    public List<PeerProtocol.Check> Checks { get; } = [];

    public List<string> Errors { get; } = [];

    public int Searches { get; private set; }

    public int Checkpoints { get; private set; }

    public async Task EnsureCollectionsAsync()
    {
        foreach (var collection in _collections.Values)
        {
            await collection.EnsureCollectionExistsAsync();
        }
    }

    /// <summary>Writes, reads and checks until <paramref name="keepGoing"/> says stop, then checks what is still queued.</summary>
    public async Task RunAsync(Func<bool> keepGoing)
    {
        try
        {
            while (keepGoing())
            {
                await CheckIncomingAsync();
                await WriteOnceAsync();
                await SearchOnceAsync();
                if (_op % CheckpointEvery == 0)
                {
                    var collection = _collections.Values.ElementAt(_random.Next(_collections.Count));
                    await collection.CheckpointAsync();
                    Checkpoints++;
                }
            }
        }
        catch (Exception ex)
        {
            Errors.Add(ex.ToString().ReplaceLineEndings(" | "));
        }
    }

    /// <summary>Checks every acknowledgement received so far (the caller stops the other side first).</summary>
    public async Task DrainAsync()
    {
        try
        {
            await CheckIncomingAsync();
        }
        catch (Exception ex)
        {
            Errors.Add(ex.ToString().ReplaceLineEndings(" | "));
        }
    }

    /// <summary>Every record of every collection as this process sees it now.</summary>
    public async Task<List<(string Collection, ReliabilityRecord Record)>> SnapshotAsync()
    {
        var all = new List<(string, ReliabilityRecord)>();
        foreach (var (name, collection) in _collections)
        {
            // A search makes this process catch up with the other's commits first.
            await foreach (var _ in collection.SearchAsync(RecordFactory.QueryOf(0), 1))
            {
            }

            await foreach (var record in collection.GetAsync(r => r.Id >= 0, int.MaxValue))
            {
                all.Add((name, record));
            }
        }

        return all;
    }

    private async Task CheckIncomingAsync()
    {
        while (Incoming.TryDequeue(out var ack))
        {
            var collection = _collections[ack.Collection];
            foreach (var key in ack.Keys.Where(k => k >= PeerProtocol.OverlapKeys))
            {
                var topHit = PeerProtocol.NotApplicable;
                if (ack.Kind == 'U' && ack.Collection == PeerProtocol.Collections[0].Name)
                {
                    var vector = RecordFactory.VectorOf(key, ack.Op, OtherWriter);
                    topHit = PeerProtocol.None;
                    await foreach (var hit in collection.SearchAsync(vector, 1))
                    {
                        topHit = string.Create(CultureInfo.InvariantCulture, $"{hit.Record.Id}:{PeerProtocol.Describe(hit.Record)}");
                    }
                }

                ReliabilityRecord? observed = null;
                var id = key;
                await foreach (var hit in collection.SearchAsync(RecordFactory.QueryOf(key), 1, new VectorSearchOptions<ReliabilityRecord> { Filter = r => r.Id == id }))
                {
                    observed = hit.Record;
                }

                Searches += 2;
                if (observed is not null && !RecordFactory.Matches(observed))
                {
                    Errors.Add($"record {observed.Id} read back with contents that no write produced");
                }

                Checks.Add(new PeerProtocol.Check(ack.Collection, key, ack.Op, PeerProtocol.Describe(observed), topHit));
            }
        }
    }

    private string OtherWriter => _writer == PeerProtocol.ParentWriter ? PeerProtocol.ChildWriter : PeerProtocol.ParentWriter;

    private async Task WriteOnceAsync()
    {
        var op = ++_op;
        var name = PeerProtocol.Collections[_random.Next(PeerProtocol.Collections.Count)].Name;
        var collection = _collections[name];
        var own = _ownLive[name];
        var roll = _random.NextDouble();
        PeerProtocol.Ack ack;
        if (roll < 0.45 || own.Count < 4)
        {
            var keys = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => ++_nextKey).ToArray();
            await collection.UpsertAsync(keys.Select(k => RecordFactory.Create(k, op, _writer)));
            own.AddRange(keys);
            ack = new PeerProtocol.Ack(name, op, 'U', keys);
        }
        else if (roll < 0.65)
        {
            var keys = Pick(own, _random.Next(1, 3));
            await collection.UpsertAsync(keys.Select(k => RecordFactory.Create(k, op, _writer)));
            ack = new PeerProtocol.Ack(name, op, 'U', keys);
        }
        else if (roll < 0.80)
        {
            var keys = Pick(own, _random.Next(1, 3));
            await collection.DeleteAsync(keys);
            own.RemoveAll(keys.Contains);
            ack = new PeerProtocol.Ack(name, op, 'D', keys);
        }
        else if (roll < 0.95)
        {
            var keys = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => (long)_random.Next(1, PeerProtocol.OverlapKeys)).Distinct().ToArray();
            await collection.UpsertAsync(keys.Select(k => RecordFactory.Create(k, op, _writer)));
            ack = new PeerProtocol.Ack(name, op, 'U', keys);
        }
        else
        {
            long[] keys = [_random.Next(1, PeerProtocol.OverlapKeys)];
            await collection.DeleteAsync(keys);
            ack = new PeerProtocol.Ack(name, op, 'D', keys);
        }

        OwnAcks.Add(ack);
        _emitAck(PeerProtocol.AckLine(ack));
    }

    private async Task SearchOnceAsync()
    {
        var name = PeerProtocol.Collections[_random.Next(PeerProtocol.Collections.Count)].Name;
        var tag = RecordFactory.TagOf(_random.Next(RecordFactory.TagCount));
        var options = _random.Next(2) == 0
            ? new VectorSearchOptions<ReliabilityRecord> { IncludeVectors = true }
            : new VectorSearchOptions<ReliabilityRecord> { IncludeVectors = true, Filter = r => r.Tag == tag };
        var query = RecordFactory.QueryOf(_random.Next(1000));
        await foreach (var hit in _collections[name].SearchAsync(query, 5, options))
        {
            if (!RecordFactory.Matches(hit.Record) || (options.Filter is not null && hit.Record.Tag != tag)
                || Math.Abs(BruteForce.SquaredL2(query, hit.Record.Embedding.Span) - hit.Score!.Value) > 1e-3 * Math.Max(1, hit.Score.Value))
            {
                Errors.Add($"search returned record {hit.Record.Id} ({PeerProtocol.Describe(hit.Record)}) that does not match its query or contents");
            }
        }

        Searches++;
    }

    private long[] Pick(List<long> from, int count) =>
        [.. Enumerable.Range(0, Math.Min(count, from.Count)).Select(_ => from[_random.Next(from.Count)]).Distinct()];
}
