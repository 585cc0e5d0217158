using System.Globalization;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.TestHost;

/// <summary>
/// Run with the store's <c>indexes/</c> on a file system too small for its checkpoint (the test mounts a tiny tmpfs
/// there in a mount namespace of this process): writes records, shows that a checkpoint fails for lack of space, then
/// disposes the store and reports what Dispose threw, which of this process's descriptors still point into the store
/// directory, and what was logged.
/// </summary>
internal static class FullDiskDispose
{
    public const string CollectionName = "full-disk";

    public static async Task<int> RunAsync(string directory, int records)
    {
        using var logger = new CapturingLoggerFactory();
        var store = new FaissVectorStore(directory, ReliabilitySchema.StoreOptions(logger));
        var collection = ReliabilitySchema.Collection(store, CollectionName, "Flat");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(1, records).Select(k => RecordFactory.Create(k, 1)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written {records}"));

        try
        {
            await collection.CheckpointAsync();
            Console.WriteLine("checkpoint ok");
        }
        catch (VectorStoreException ex)
        {
            Console.WriteLine($"checkpoint threw {ex.InnerException?.GetType().Name}: {OneLine(ex.InnerException?.Message)}");
        }

        // Only the final checkpoint of Dispose is left to fail: what it logs is what the test looks for.
        logger.Clear();
        Report("dispose", store.Dispose);
        foreach (var target in DescriptorsInto(directory))
        {
            Console.WriteLine($"fd {target}");
        }

        foreach (var (level, message) in logger.Entries)
        {
            Console.WriteLine($"log {level} {OneLine(message)}");
        }

        foreach (var file in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "indexes")))
        {
            Console.WriteLine($"index-file {Path.GetFileName(file)}");
        }

        Report("second-dispose", store.Dispose);
        Console.WriteLine("done");
        return 0;
    }

    private static void Report(string what, Action action)
    {
        try
        {
            action();
            Console.WriteLine($"{what} ok");
        }
        catch (Exception ex)
        {
            Console.WriteLine($"{what} threw {ex.GetType().Name}: {OneLine(ex.Message)}");
        }
    }

    /// <summary>The targets of this process's open file descriptors that lie in <paramref name="directory"/>.</summary>
    private static List<string> DescriptorsInto(string directory)
    {
        var root = Path.GetFullPath(directory).TrimEnd('/') + "/";
        var found = new List<string>();
        foreach (var descriptor in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            try
            {
                if (descriptor.LinkTarget is { } target && target.StartsWith(root, StringComparison.Ordinal))
                {
                    found.Add(target);
                }
            }
            catch (IOException)
            {
                // The descriptor the enumeration itself used, closed meanwhile.
            }
        }

        return found;
    }

    private static string OneLine(string? text) => (text ?? string.Empty).ReplaceLineEndings(" ");
}
