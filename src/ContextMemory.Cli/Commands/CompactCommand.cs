using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using ContextMemory.Cli.Hosting;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>compact</c>: erases deleted records' bytes from every file of the store and rewrites the indexes.</summary>
internal sealed class CompactCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("compact", "Erase the bytes of forgotten memories from every file of the store (SQLite vacuum, index rewrite).");
        runner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var before = DataDirectory.SizeOf(context.Settings.StoreDirectory);
        await context.Host.Store.CompactAsync(cancellationToken).ConfigureAwait(false);
        var after = DataDirectory.SizeOf(context.Settings.StoreDirectory);
        context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compacted: {Tables.Bytes(before)} -> {Tables.Bytes(after)}"));
        return ExitCodes.Success;
    }
}
