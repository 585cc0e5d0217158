using System.Text.RegularExpressions;

namespace ContextMemory.Samples.Tests;

/// <summary>
/// The agent-pipeline sample run offline as a real process over one data directory: the steps share notes through the
/// run's conversation scope, only the writer's middleware brings in the user's preferences, and runs are isolated.
/// </summary>
public sealed partial class AgentPipelineTests : IDisposable
{
    private readonly TemporaryDirectory _data = new("agent-pipeline-test-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Each_step_prints_what_it_recalled_with_scores()
    {
        var output = await RunAsync("trip-1");

        Assert.Matches(@"recalled [1-9]\d* notes from the 'documents' collection", Section(output, "researcher"));
        Assert.Matches(@"\n    0\.\d{3}  \[\w[\w ]*\] ", Section(output, "researcher"));
        Assert.NotEmpty(RecalledIds(Section(output, "planner")));
        Assert.NotEmpty(RecalledIds(Section(output, "writer")));
        Assert.Contains("middleware gave it 4 memories of user=ana", Section(output, "writer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_planner_recalls_the_researchers_findings_through_the_run_scope()
    {
        var output = await RunAsync("trip-1");

        var written = WrittenIds(Section(output, "researcher"));
        Assert.NotEmpty(written);
        Assert.Equal(written.Order(), RecalledIds(Section(output, "planner")).Order());
        Assert.Contains("Day 1 in Lisbon:", Section(output, "planner"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_writer_gets_the_users_preferences_from_the_middleware_and_the_other_steps_do_not()
    {
        var output = await RunAsync("trip-1");

        var reply = Reply(Section(output, "writer"));
        Assert.Contains("The user is vegetarian", reply, StringComparison.Ordinal);
        Assert.Contains("Day 3 in Lisbon:", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("vegetarian", Section(output, "researcher") + Section(output, "planner"), StringComparison.Ordinal);
        Assert.DoesNotContain("middleware", Section(output, "researcher") + Section(output, "planner"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_sees_none_of_the_first_runs_step_notes_but_the_same_users_preferences()
    {
        var first = await RunAsync("trip-1");
        var firstNotes = WrittenIds(first).ToHashSet();

        var second = await RunAsync("trip-2");

        Assert.Contains("already stored by an earlier run", second, StringComparison.Ordinal);
        var planner = RecalledIds(Section(second, "planner"));
        var writer = RecalledIds(Section(second, "writer"));
        Assert.NotEmpty(planner);
        Assert.DoesNotContain(planner.Concat(writer), firstNotes.Contains);
        Assert.Equal(WrittenIds(Section(second, "researcher")).Order(), planner.Order());
        Assert.Contains("The user is vegetarian", Reply(Section(second, "writer")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_ends_with_one_line_and_exit_code_2()
    {
        var result = await SampleProgram.RunAsync("AgentPipeline", ["--data-dir", _data.Path, "--turbo"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("agentpipeline: unknown, incomplete or invalid option '--turbo' (see --help)", result.Error.Trim());
    }

    [Fact]
    public async Task Help_describes_the_options_and_exits_0()
    {
        var result = await SampleProgram.RunAsync("AgentPipeline", ["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--run ID", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string run)
    {
        var result = await SampleProgram.RunAsync("AgentPipeline", ["--data-dir", _data.Path, "--run", run]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    /// <summary>One step's part of the output: from its "== step" heading to the next heading or the end.</summary>
    private static string Section(string output, string step)
    {
        var start = output.IndexOf($"\n== {step} ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {step} section:\n{output}");
        var end = output.IndexOf("\n== ", start + 1, StringComparison.Ordinal);
        return output[start..(end < 0 ? output.Length : end)];
    }

    private static string Reply(string section) => section[section.IndexOf("  reply: ", StringComparison.Ordinal)..];

    private static List<string> WrittenIds(string text) => [.. Written().Matches(text).Select(m => m.Groups["id"].Value)];

    private static List<string> RecalledIds(string text) => [.. Recalled().Matches(text).Select(m => m.Groups["id"].Value)];

    [GeneratedRegex(@"wrote #(?<id>[0-9a-f]{8}) ")]
    private static partial Regex Written();

    [GeneratedRegex(@"^    \d\.\d{3}  #(?<id>[0-9a-f]{8})  ", RegexOptions.Multiline)]
    private static partial Regex Recalled();
}
