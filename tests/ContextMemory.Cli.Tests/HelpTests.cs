using ContextMemory.Cli.Tests.Support;

namespace ContextMemory.Cli.Tests;

/// <summary>The help text is approved (Help.approved.txt); --version prints the package version.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_every_command_and_option_as_approved()
    {
        var result = await CliRun.InProcessAsync("--help");
        Assert.Equal(0, result.ExitCode);
        var help = new System.Text.StringBuilder(result.Output);
        foreach (var command in new[] { "add", "recall", "forget", "export", "import", "mcp" })
        {
            help.Append("\n### ").Append(command).Append('\n').Append((await CliRun.InProcessAsync(command, "--help")).Output);
        }

        ApprovedText.AssertMatches("Help", help.ToString());
    }

    [Fact]
    public async Task Version_prints_the_product_version()
    {
        var result = await CliRun.InProcessAsync("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_one_line_usage_error_with_exit_code_2()
    {
        var result = await CliRun.InProcessAsync("recall", "x", "--no-such-option");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }
}
