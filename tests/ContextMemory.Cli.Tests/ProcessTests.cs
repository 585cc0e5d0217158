using System.Diagnostics;
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

    [Fact]
    public async Task Ctrl_c_during_an_import_exits_130_and_keeps_every_acknowledged_batch()
    {
        var data = _work.Combine("data");
        var file = _work.Combine("many.txt");
        File.WriteAllLines(file, Enumerable.Range(0, 20_000).Select(i => $"Observation {i}: sensor {i % 17} read {i * 7 % 101} units at hour {i % 24}."));
        // Through env --default-signal: a test runner may start its children with SIGINT ignored, and a process that
        // inherits an ignored SIGINT (as from a background shell job) is rightly left alone by the runtime.
        var start = DotnetProcess.CreateStartInfo("env",
            ["--default-signal=INT", DotnetProcess.Host, CliRun.CliAssembly, "add", "--file", file, "--agent", "sensor", "--data-dir", data]);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();

        // Wait until the first batches are stored, then interrupt as a terminal does.
        var database = Path.Combine(data, "store", "store.db");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(database + "-wal") && waited.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1500);
        Assert.False(process.HasExited, $"the import finished before it could be interrupted\n{await output}\n{await error}");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
        Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
        var errors = await error;
        Assert.Contains(CliErrors.Cancelled, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);

        // The store opens cleanly and holds whole batches of 32 (each line became an add or a merge in the history):
        // nothing acknowledged was lost, nothing of the batch in flight was half-written.
        var history = await CliRun.ProcessAsync(["history", "--json", "--agent", "sensor", "--data-dir", data]);
        Assert.True(history.ExitCode == 0, history.ToString());
        var remembered = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(remembered, 32, 19_999);
        Assert.Equal(0, remembered % 32);
    }

    public void Dispose() => _work.Dispose();
}
