using System.Text.Json;
using ContextMemory.Cli.Tests.Support;
using ContextMemory.Evaluation;

namespace ContextMemory.Cli.Tests;

/// <summary><c>eval FILE</c> on a small dataset with the real local model: per-configuration figures, and bad files refused by line.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string[] Dataset =
    [
        """{"type":"turn","conversation":"a","id":"a1","speaker":"Ada","time":"2026-03-01T10:00:00Z","text":"My sister moved to Oslo last spring."}""",
        """{"type":"turn","conversation":"a","id":"a2","speaker":"Ada","time":"2026-03-01T10:01:00Z","text":"I bought a red bicycle for commuting."}""",
        """{"type":"turn","conversation":"b","id":"b1","speaker":"Bo","time":"2026-03-02T10:00:00Z","text":"I am learning to play the cello."}""",
        """{"type":"turn","conversation":"b","id":"b2","speaker":"Bo","time":"2026-03-02T10:01:00Z","text":"My flat is on the fourth floor."}""",
        """{"type":"question","conversation":"a","question":"In which city does Ada's sibling live now?","evidence":["a1"]}""",
        """{"type":"question","conversation":"b","question":"Which instrument is Bo studying?","evidence":["b1"]}""",
    ];

    private readonly DataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Eval_json_lists_every_standard_configuration_with_its_figures_and_leaves_the_data_directory_as_it_was()
    {
        var file = _data.File("dataset.jsonl");
        await File.WriteAllLinesAsync(file, Dataset);
        await _data.SucceedAsync("add", "Ada keeps bees.", "--user", "ada");

        var json = JsonDocument.Parse(await _data.SucceedAsync("eval", file, "--json")).RootElement;

        var configurations = json.GetProperty("configurations").EnumerateArray().ToList();
        Assert.Equal(EvaluationConfiguration.Standard.Select(c => c.Name), configurations.Select(c => c.GetProperty("name").GetString()));
        Assert.All(configurations, c =>
        {
            Assert.Equal(2, c.GetProperty("questions").GetInt32());
            Assert.InRange(c.GetProperty("mrr").GetDouble(), 0, 1);
            Assert.Equal(1.0, c.GetProperty("recall@10").GetDouble());
        });
        Assert.Equal(1.0, configurations[0].GetProperty("recall@1").GetDouble());
        Assert.Single(await _data.ListAsync("--user", "ada"));
        Assert.Empty(Directory.EnumerateDirectories(_data.Path, "eval-*"));
    }

    [Fact]
    public async Task Eval_prints_a_table_without_json()
    {
        var file = _data.File("dataset.jsonl");
        await File.WriteAllLinesAsync(file, Dataset);

        var table = await _data.SucceedAsync("eval", file);

        Assert.Contains("recall@5", table, StringComparison.Ordinal);
        Assert.Contains(EvaluationConfiguration.Standard[0].Name, table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_line_is_reported_by_number_with_exit_code_3()
    {
        var file = _data.File("broken.jsonl");
        await File.WriteAllLinesAsync(file, [Dataset[0], Dataset[1], "{\"type\":\"turn\", oops", Dataset[4]]);

        var result = await _data.RunAsync("eval", file);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("Line 3:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
