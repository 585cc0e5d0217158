using System.Text.Json;

namespace ContextMemory.Cli.Tests.Support;

/// <summary>A real, temporary data directory and the CLI run against it.</summary>
internal sealed class DataDirectory : IDisposable
{
    private readonly TemporaryDirectory _directory = new("cm-cli-");

    public string Path => _directory.Path;

    public string File(string name) => _directory.Combine(name);

    /// <summary>Runs a command in process on this data directory.</summary>
    public Task<CliRun.Result> RunAsync(params string[] args) => CliRun.InProcessAsync([.. args, "--data-dir", Path]);

    /// <summary>Runs a command that must succeed; returns its stdout.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    /// <summary>The scope's memories as <c>list --json</c> prints them.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListAsync(params string[] scope)
    {
        var output = await SucceedAsync(["list", "--json", "--take", "1000", .. scope]);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public void Dispose() => _directory.Dispose();
}
