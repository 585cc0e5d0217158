using System.Text.Json;
using ContextMemory.Cli.Tests.Support;

namespace ContextMemory.Cli.Tests;

/// <summary>The CLI as a real process: environment, exit codes, one-line errors, Ctrl+C.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TemporaryDirectory _work = new("cm-cli-process-");

    [Fact]
    public async Task The_openai_embedder_without_a_key_fails_in_one_line_with_exit_code_5()
    {
        var result = await CliRun.ProcessAsync(
            ["recall", "anything", "--embedder", "openai", "--user", "u", "--data-dir", _work.Combine("data")],
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["OPENAI_BASE_URL"] = null });
        Assert.Equal(ExitCodes.Configuration, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(CliErrors.Prefix, line, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", line, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task The_data_directory_comes_from_the_environment_and_survives_between_processes()
    {
        var data = _work.Combine("from-env");
        var environment = new Dictionary<string, string?> { ["CONTEXTMEMORY_DATA_DIR"] = data };
        var add = await CliRun.ProcessAsync(["add", "Alan's favourite number is 1912.", "--user", "alan"], environment);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(File.Exists(Path.Combine(data, "store", "store.db")));

        var recall = await CliRun.ProcessAsync(["recall", "Which number does Alan like?", "--user", "alan", "--json"], environment);
        Assert.True(recall.ExitCode == 0, recall.ToString());
        var hits = JsonDocument.Parse(recall.Output).RootElement.GetProperty("hits");
        Assert.Equal("Alan's favourite number is 1912.", hits[0].GetProperty("memory").GetProperty("text").GetString());
    }

    public void Dispose() => _work.Dispose();
}
