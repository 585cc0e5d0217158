using System.CommandLine;
using Spectre.Console;
using System.Globalization;

namespace ContextMemory.Cli.Commands;

/// <summary><c>forget</c>: one memory, the memories a filter selects, or the whole scope; <c>--erase</c> compacts after.</summary>
internal sealed class ForgetCommand
{
    private readonly Argument<string?> _id = new("id") { Description = "The memory to forget.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _all = new("--all") { Description = "Forget every memory of the scope." };
    private readonly Option<bool> _erase = new("--erase") { Description = "Also erase the deleted bytes from disk (runs the store's compaction)." };
    private readonly FilterOptions _filter = new();

    public static Command Create(CommandRunner runner) => new ForgetCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("forget", "Forget one memory (by id), the memories a filter selects, or the whole scope (--all).") { _id, _all, _erase };
        _filter.AddTo(command);
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.RequireScope();
        var id = context.Value(_id);
        var filter = _filter.Read(context);
        var all = context.Value(_all);
        var targets = (id is null ? 0 : 1) + (filter is null ? 0 : 1) + (all ? 1 : 0);
        if (targets != 1)
        {
            throw new CliException(ExitCodes.Usage, targets == 0 ? CliErrors.ForgetNeedsTarget : CliErrors.ForgetTargetsExclusive);
        }

        // Erasure is the store's compaction, run here after the forget (the store is at hand, whatever the memory
        // layer can reach through GetService).
        var erase = context.Value(_erase);
        var options = new ForgetOptions { Actor = "cli" };
        int forgotten;
        if (id is not null)
        {
            var memoryId = CommonOptions.ParseId(id);
            if (!await context.Memory.ForgetAsync(scope, memoryId, options, cancellationToken).ConfigureAwait(false))
            {
                throw new CliException(ExitCodes.NotFound, CliErrors.NotFound(memoryId));
            }

            forgotten = 1;
        }
        else
        {
            forgotten = filter is not null
                ? await context.Memory.ForgetWhereAsync(scope, filter, options, cancellationToken).ConfigureAwait(false)
                : await context.Memory.ForgetScopeAsync(scope, options, cancellationToken).ConfigureAwait(false);
        }

        if (erase)
        {
            await context.Host.Store.CompactAsync(cancellationToken).ConfigureAwait(false);
        }

        context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"forgot {forgotten} {(forgotten == 1 ? "memory" : "memories")}{(erase ? "; deleted bytes erased" : "")}"));
        return ExitCodes.Success;
    }
}
