namespace ContextMemory.Samples.Tests;

/// <summary>The agent-pipeline sample, run offline as a real process: steps share memories through the run's scope, and only the writer's middleware brings in the user's preferences.</summary>
public sealed class AgentPipelineTests : IDisposable
{
    private readonly TemporaryDirectory _data = new("agent-pipeline-test-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_planner_recalls_the_researchers_findings_and_the_writer_gets_the_plan_and_the_users_preferences()
    {
        var result = await RunAsync("trip-1");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("[researcher] wrote (added): Finding:", StringComparison.Ordinal)));
        Assert.Contains("[planner] recalled 2 memories", result.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("[planner]   ", StringComparison.Ordinal) && l.Contains("Finding: Alfama", StringComparison.Ordinal));
        var writer = result.Output[result.Output.IndexOf("[writer] says:", StringComparison.Ordinal)..];
        Assert.Contains("Plan: day 1", writer, StringComparison.Ordinal);
        Assert.Contains("ada is vegetarian.", writer, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("[planner]   ", StringComparison.Ordinal) && l.Contains("vegetarian.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_run_sees_only_its_own_step_notes_but_still_the_users_preferences()
    {
        await RunAsync("trip-1");

        var second = await RunAsync("trip-2");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("[planner] recalled 2 memories", second.Output, StringComparison.Ordinal);
        Assert.Contains("[writer] recalled 3 memories", second.Output, StringComparison.Ordinal);
        Assert.Contains("ada prefers walking tours", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_ends_with_one_line_and_exit_code_2()
    {
        var result = await SampleProgram.RunAsync("AgentPipeline", ["--data-dir", _data.Path, "--turbo"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("agent-pipeline: unknown or incomplete option '--turbo' (see --help)", result.Error.Trim());
    }

    private Task<DotnetProcess.Result> RunAsync(string run) =>
        SampleProgram.RunAsync("AgentPipeline", ["--data-dir", _data.Path, "--run", run]);
}
