namespace ContextMemory.Samples.Tests;

/// <summary>The chatbot's offline mode, run as ./run.sh runs it: scripted sessions in separate processes over one data directory.</summary>
public sealed class ChatBotTests : IDisposable
{
    private readonly TemporaryDirectory _data = new("chatbot-test-");

    [Fact]
    public async Task A_second_session_recalls_what_the_first_session_was_told()
    {
        var first = await ChatAsync("session-1.txt");
        var second = await ChatAsync("session-2.txt");

        Assert.Contains("(none yet)", first.Output, StringComparison.Ordinal);
        Assert.Contains("(recalling from earlier sessions)", second.Output, StringComparison.Ordinal);
        Assert.Contains("Biscuit", FirstRecalled(second.Output, "What do you know about my pet?"), StringComparison.Ordinal);
        Assert.Contains("Oslo", FirstRecalled(second.Output, "Where am I giving a talk next month?"), StringComparison.Ordinal);
        Assert.Contains("peanuts", FirstRecalled(second.Output, "Is there any food I should avoid?"), StringComparison.Ordinal);
        Assert.Contains("marine biologist", FirstRecalled(second.Output, "What do I do for a living?"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_recalled_memory_is_shown_with_its_score_components_and_the_recall_time()
    {
        await ChatAsync("session-1.txt");
        var second = await ChatAsync("session-2.txt");

        var answer = Answer(second.Output, "What do you know about my pet?");
        Assert.Matches(@"recall: \d+(\.\d)? ms", answer);
        Assert.Matches(@"score \d\.\d{3} = relevance \d\.\d{3} x importance \d\.\d{2} x recency \d\.\d{3}", answer);
    }

    [Fact]
    public async Task Questions_are_answered_but_not_stored()
    {
        var asked = await ChatAsync("session-2.txt");
        var askedAgain = await ChatAsync("session-2.txt");

        Assert.Contains("(none yet)", askedAgain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Noted", asked.Output + askedAgain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_recalls_nothing_of_the_first_users_memories()
    {
        await ChatAsync("session-1.txt");
        var stranger = await ChatAsync("session-2.txt", "--user", "someone-else");

        Assert.Contains("(none yet)", stranger.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Biscuit", stranger.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_ends_with_one_line_and_exit_code_2()
    {
        var result = await SampleProgram.RunAsync("ChatBot", ["--data-dir", _data.Path, "--colour", "blue"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("chatbot: unknown or incomplete option '--colour' (see --help)", result.Error.Trim());
    }

    public void Dispose() => _data.Dispose();

    private async Task<DotnetProcess.Result> ChatAsync(string script, params string[] arguments)
    {
        var input = await File.ReadAllTextAsync(Path.Combine(SampleProgram.Metadata("ChatBotDemo"), script));
        var result = await SampleProgram.RunAsync("ChatBot", ["--offline", "--data-dir", _data.Path, .. arguments], input);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>The bot's answer to one line: from the echoed "you>" line to the next one.</summary>
    private static string Answer(string output, string line)
    {
        var start = output.IndexOf($"you> {line}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{line}' was not asked:\n{output}");
        var end = output.IndexOf("you> ", start + 5, StringComparison.Ordinal);
        return output[start..(end < 0 ? output.Length : end)];
    }

    /// <summary>The first memory listed in the answer to one line.</summary>
    private static string FirstRecalled(string output, string line) =>
        Answer(output, line).Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("- \"", StringComparison.Ordinal)) ?? "";
}
