using System.Diagnostics;
using System.Globalization;
using ContextMemory.VectorStore.Tests.Reliability.Protocol;
using ContextMemory.VectorStore.Tests.Reliability.Support;

namespace ContextMemory.VectorStore.Tests.FileSystem;

/// <summary>
/// Disposing a store whose final index checkpoint cannot be written (the disk is full) throws nothing, logs a warning,
/// closes every file of the store, and loses nothing: the database holds every record and the next open rebuilds the index.
/// </summary>
/// <remarks>
/// The full disk is real: a child process runs in a mount namespace of its own (<c>unshare --mount</c>, adding
/// <c>--map-root-user</c> when not run as root) with a 32 KiB tmpfs mounted over the store's <c>indexes/</c>, so the
/// checkpoint of a 1,500-record index fails with ENOSPC while the database, on the real disk, keeps working. The mount
/// exists only inside the child and vanishes with it.
/// </remarks>
[Collection(ReliabilityGroup.Name)]
public sealed class FullDiskDisposeTests() : TemporaryDirectoryTest("cm-full-disk-")
{
    private const int Records = 1_500;
    private const string TmpfsSize = "32k";
    private const string NoSpace = "No space left on device";

    /// <summary>The collection the child writes (see the test host's full-disk-dispose command).</summary>
    private const string FullDiskDisposeCollection = "full-disk";

    [Fact]
    public async Task Dispose_on_a_full_disk_logs_the_lost_checkpoint_closes_every_file_and_loses_no_record()
    {
        var store = Temp.Combine("store");
        Directory.CreateDirectory(Path.Combine(store, "indexes"));

        var (exitCode, lines, stderr) = await RunOnFullDiskAsync(store);

        Assert.True(exitCode == 0 && lines.LastOrDefault() == "done", $"the child exited with {exitCode}; stdout: {string.Join(" / ", lines)}; stderr: {stderr}");
        var checkpoint = Assert.Single(lines, l => l.StartsWith("checkpoint ", StringComparison.Ordinal));
        Assert.Contains(NoSpace, checkpoint, StringComparison.Ordinal);
        Assert.Contains("dispose ok", lines);
        Assert.Contains("second-dispose ok", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("fd ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("index-file ", StringComparison.Ordinal));
        var logged = lines.Where(l => l.StartsWith("log ", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(logged);
        Assert.StartsWith("log Warning ", warning, StringComparison.Ordinal);
        Assert.Contains(FullDiskDisposeCollection, warning, StringComparison.Ordinal);
        Assert.Contains(NoSpace, warning, StringComparison.Ordinal);

        using var logs = new Support.CapturingLoggerFactory();
        using var reopened = new FaissVectorStore(store, ReliabilitySchema.StoreOptions(logs));
        var collection = ReliabilitySchema.Collection(reopened, FullDiskDisposeCollection, "Flat");
        Assert.Equal(Records, await collection.GetAsync(r => true, Records + 1).CountAsync());
        foreach (var key in new long[] { 1, Records / 2, Records })
        {
            var hit = await collection.SearchAsync(RecordFactory.Create(key, 1).Embedding, 1).SingleAsync();
            Assert.Equal(key, hit.Record.Id);
        }
    }

    /// <summary>Runs the host's <c>full-disk-dispose</c> command with a tiny tmpfs over the store's <c>indexes/</c>.</summary>
    private static async Task<(int ExitCode, List<string> Lines, string Error)> RunOnFullDiskAsync(string store)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] namespaces = Environment.IsPrivilegedProcess ? ["--mount"] : ["--mount", "--map-root-user"];
        string[] arguments =
        [
            .. namespaces, "--", "sh", "-c", "mount -t tmpfs -o size=\"$1\" tmpfs \"$2/indexes\" && shift 2 && exec \"$@\"", "sh",
            TmpfsSize, store, dotnet, HostProcess.HostPath, "full-disk-dispose", store, Records.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("unshare did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(HostProcess.SafetyTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, [.. (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)], await stderr);
    }
}
