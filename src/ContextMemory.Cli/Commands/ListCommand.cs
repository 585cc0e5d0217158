using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using ContextMemory.Cli.Input;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>list</c>: a page of the scope's memories, optionally filtered.</summary>
internal sealed class ListCommand
{
    private const int MaxTake = 1_000;

    private readonly Option<int> _skip = new("--skip") { Description = "Memories to skip.", DefaultValueFactory = _ => 0, HelpName = "N" };
    private readonly Option<int> _take = new("--take") { Description = "Memories to show.", DefaultValueFactory = _ => 50, HelpName = "N" };
    private readonly Option<bool> _json = CommonOptions.Json("the memories (one JSON object per line)");
    private readonly FilterOptions _filter = new();

    public static Command Create(CommandRunner runner) => new ListCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("list", "List the scope's memories, newest first, optionally filtered.") { _skip, _take, _json };
        _filter.AddTo(command);
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.RequireScope();
        var skip = context.Value(_skip);
        if (skip < 0)
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.BadLimit("--skip", skip, int.MaxValue));
        }

        var options = new ListOptions { Skip = skip, Take = CommonOptions.CheckRange("--take", context.Value(_take), MaxTake), Filter = _filter.Read(context) };
        var page = await context.Memory.ListAsync(scope, options, cancellationToken).ConfigureAwait(false);
        if (context.Value(_json))
        {
            await JsonOutput.WriteLinesAsync(context.IO.Out, page.Items.ToAsyncEnumerable(), MemoryLine.From, CliJson.Lines.MemoryLine, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        context.IO.Console.Write(Tables.Memories(page.Items));
        context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{page.Items.Count} memories from {page.Skip}{(page.HasMore ? $"; more with --skip {page.Skip + page.Items.Count}" : "")}"));
        return ExitCodes.Success;
    }
}
