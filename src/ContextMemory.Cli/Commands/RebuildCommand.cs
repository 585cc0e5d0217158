using System.CommandLine;
using Spectre.Console;
using System.Diagnostics;
using System.Globalization;

namespace ContextMemory.Cli.Commands;

/// <summary>
/// <c>rebuild</c>: derives every FAISS index again from the SQLite records (the source of truth) and checkpoints it.
/// The store rebuilds an index whose checkpoint is missing, so the command removes the checkpoints before opening it.
/// </summary>
internal sealed class RebuildCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("rebuild", "Rebuild every vector index from the SQLite records and checkpoint it (after damage, or to re-plan the index).");
        runner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var indexes = Path.Combine(context.Settings.StoreDirectory, "indexes");
        var removed = 0;
        if (Directory.Exists(indexes))
        {
            foreach (var checkpoint in Directory.EnumerateFiles(indexes, "*.cmfi"))
            {
                File.Delete(checkpoint);
                removed++;
            }
        }

        var clock = Stopwatch.StartNew();
        var statistics = await context.Memory.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        await context.Host.Store.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        clock.Stop();
        context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuilt the indexes of {statistics.Total} memories from SQLite ({removed} checkpoints replaced) in {clock.Elapsed.TotalSeconds:0.00} s"));
        return ExitCodes.Success;
    }
}
