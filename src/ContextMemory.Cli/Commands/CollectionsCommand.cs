using System.CommandLine;
using Spectre.Console;

namespace ContextMemory.Cli.Commands;

/// <summary><c>collections</c>: the vector store's collections in the data directory.</summary>
internal sealed class CollectionsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("collections", "List the vector store's collections in the data directory.");
        runner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumn("collection");
        await foreach (var name in context.Host.Store.ListCollectionNamesAsync(cancellationToken).ConfigureAwait(false))
        {
            table.AddRow(Output.Tables.Cell(name));
        }

        context.IO.Console.Write(table);
        return ExitCodes.Success;
    }
}
