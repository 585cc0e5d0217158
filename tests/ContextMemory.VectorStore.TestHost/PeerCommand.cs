using ContextMemory.VectorStore.Tests.Reliability.Protocol;

namespace ContextMemory.VectorStore.TestHost;

/// <summary>
/// The child side of the two-process test: runs a <see cref="PeerWorker"/> against the shared store, taking the test
/// process's acknowledgements from stdin and writing its own to stdout, until <c>stop</c>; then reports its checks,
/// its view of every collection and its errors, and <c>done</c>.
/// </summary>
internal static class PeerCommand
{
    public static async Task<int> RunAsync(string directory, int seed)
    {
        var stopped = 0;
        using var store = new FaissVectorStore(directory, ReliabilitySchema.StoreOptions());
        var worker = new PeerWorker(store, PeerProtocol.ChildWriter, PeerProtocol.ChildKeyBase, seed, Console.WriteLine);
        await worker.EnsureCollectionsAsync();
        var reader = new Thread(() =>
        {
            while (Console.In.ReadLine() is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    worker.Incoming.Enqueue(PeerProtocol.ParseAck(line));
                }
                else if (line == "stop")
                {
                    break;
                }
            }

            // Everything acknowledged before "stop" (or before stdin closed) is queued by now.
            Volatile.Write(ref stopped, 1);
        })
        { IsBackground = true };
        reader.Start();
        Console.WriteLine("ready");

        await worker.RunAsync(() => Volatile.Read(ref stopped) == 0);
        await worker.DrainAsync();
        foreach (var check in worker.Checks)
        {
            Console.WriteLine(PeerProtocol.CheckLine(check));
        }

        foreach (var (collection, record) in await worker.SnapshotAsync())
        {
            Console.WriteLine(PeerProtocol.StateLine(collection, record));
        }

        foreach (var error in worker.Errors)
        {
            Console.WriteLine($"error {error}");
        }

        Console.WriteLine($"done ops={worker.OwnAcks.Count} checks={worker.Checks.Count} searches={worker.Searches} checkpoints={worker.Checkpoints} errors={worker.Errors.Count}");
        return 0;
    }
}
