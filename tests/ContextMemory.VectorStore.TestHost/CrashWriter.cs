using System.Text;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;

namespace ContextMemory.VectorStore.TestHost;

/// <summary>
/// Writes a random mix of batch upserts, replacements and deletes until killed, logging each operation's intent before
/// it starts and its acknowledgement after it returns (see <see cref="OperationLog"/>).
/// </summary>
internal static class CrashWriter
{
    public static async Task<int> RunAsync(string directory, string indexKind, string logPath, int seed, int keySpace)
    {
        DropTornLine(logPath);
        var operations = OperationLog.Read(logPath);
        var nextOp = operations.Count == 0 ? 1 : operations[^1].Op + 1;
        var random = new Random(seed);

        // Anything the store logs (a quarantined checkpoint, a failed background step) goes to stderr, which the test requires empty.
        using var logger = new CapturingLoggerFactory((level, message) => Console.Error.WriteLine($"log {level} {message}"));
        using var store = new FaissVectorStore(directory, ReliabilitySchema.StoreOptions(logger));
        var collection = ReliabilitySchema.Collection(store, ReliabilitySchema.CrashCollection, indexKind);
        await collection.EnsureCollectionExistsAsync();
        var live = new List<long>();
        await foreach (var record in collection.GetAsync(r => r.Id > 0, int.MaxValue))
        {
            live.Add(record.Id);
        }

        using var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        Append(log, $"R {seed}\n");
        Console.WriteLine($"ready {live.Count} {nextOp}");
        while (true)
        {
            var op = nextOp++;
            var roll = random.NextDouble();
            if (roll < 0.55 || live.Count < 10)
            {
                var keys = Enumerable.Range(0, random.Next(1, 13)).Select(_ => (long)random.Next(1, keySpace + 1)).Distinct().ToArray();
                Append(log, OperationLog.Intent(op, OperationLog.Upsert, keys));
                await collection.UpsertAsync(keys.Select(k => RecordFactory.Create(k, op)));
                live.AddRange(keys.Where(k => !live.Contains(k)));
            }
            else if (roll < 0.70)
            {
                long[] keys = [live[random.Next(live.Count)]];
                Append(log, OperationLog.Intent(op, OperationLog.Upsert, keys));
                await collection.UpsertAsync(RecordFactory.Create(keys[0], op));
            }
            else
            {
                var keys = Enumerable.Range(0, random.Next(1, 5)).Select(_ => live[random.Next(live.Count)]).ToList();
                if (random.Next(8) == 0)
                {
                    // Deleting a key that may not exist is not an error.
                    keys.Add(random.Next(1, keySpace + 1));
                }

                var distinct = keys.Distinct().ToArray();
                Append(log, OperationLog.Intent(op, OperationLog.Delete, distinct));
                await collection.DeleteAsync(distinct);
                live.RemoveAll(distinct.Contains);
            }

            Append(log, OperationLog.Ack(op));
        }
    }

    /// <summary>Each line goes out in one write call on an unbuffered stream: it is in the file once the call returns.</summary>
    private static void Append(FileStream log, string line) => log.Write(Encoding.ASCII.GetBytes(line));

    /// <summary>Removes a last line cut short by a kill, so the next line starts on a line of its own.</summary>
    private static void DropTornLine(string logPath)
    {
        if (!File.Exists(logPath))
        {
            return;
        }

        var bytes = File.ReadAllBytes(logPath);
        var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (complete != bytes.Length)
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Write);
            stream.SetLength(complete);
        }
    }
}
