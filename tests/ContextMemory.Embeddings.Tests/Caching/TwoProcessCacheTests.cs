using System.Diagnostics;
using System.Reflection;
using ContextMemory.Embeddings.Caching;
using ContextMemory.Embeddings.Tests.Support;

namespace ContextMemory.Embeddings.Tests.Caching;

/// <summary>Two real processes fill one cache file at the same time (WAL, busy timeout); afterwards every text is cached once.</summary>
public sealed class TwoProcessCacheTests : IDisposable
{
    private readonly TemporaryDirectories _directories = new("cm-embeddings-tests", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);

    public void Dispose() => _directories.Dispose();

    [Fact]
    public async Task Two_processes_writing_overlapping_texts_share_the_cache_without_errors()
    {
        var path = Path.Combine(_directories.New(), "shared.db");
        using (new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), path))
        {
            // Created first, so both children open an existing cache.
        }

        var children = new[] { Start(path, 0, 600), Start(path, 300, 600) };
        var outputs = await Task.WhenAll(children.Select(WaitAsync));

        foreach (var (code, output, error) in outputs)
        {
            Assert.True(code == 0, $"child exited {code}: {output} {error}");
        }

        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var reader = new PersistentCachingEmbeddingGenerator(inner, path);
        var vectors = await reader.EmbedAllAsync(Enumerable.Range(0, 900).Select(n => $"text {n}"));
        Assert.Equal(0, inner.TextsEmbedded);
        Assert.Equal(900, reader.CountEntries());
        Assert.Equal(ScriptedModels.Vector("text 899"), vectors[899]);
    }

    private static Process Start(string path, int first, int count)
    {
        var host = typeof(TwoProcessCacheTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EmbeddingsTestHost").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", host, path, $"{first}", $"{count}", "3" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<(int Code, string Output, string Error)> WaitAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }
}
