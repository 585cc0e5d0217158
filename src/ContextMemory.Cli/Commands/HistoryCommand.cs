using System.CommandLine;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>history</c>: every add, update, merge and delete of the scope (or of one memory).</summary>
internal sealed class HistoryCommand
{
    private readonly Argument<string?> _id = new("id") { Description = "Only this memory's history.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _json = CommonOptions.Json("the entries (one JSON object per line)");

    public static Command Create(CommandRunner runner) => new HistoryCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("history", "Show the scope's history: every add, update, merge and delete with old and new text.") { _id, _json };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.RequireScope();
        Guid? id = context.Value(_id) is { } text ? CommonOptions.ParseId(text) : null;
        var entries = await context.Memory.GetHistoryAsync(scope, id, cancellationToken).ConfigureAwait(false);
        if (context.Value(_json))
        {
            await JsonOutput.WriteLinesAsync(context.IO.Out, entries.ToAsyncEnumerable(), HistoryLine.From, CliJson.Lines.HistoryLine, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        context.IO.Console.Write(Tables.History(entries));
        return ExitCodes.Success;
    }
}
