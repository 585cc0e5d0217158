using System.CommandLine;
using ContextMemory.Cli.Hosting;

namespace ContextMemory.Cli;

/// <summary>
/// Runs a command's action with the run's settings resolved, its data directory opened on demand and closed after
/// (also when cancelled), and every failure reported as one line with its exit code.
/// </summary>
internal sealed class CommandRunner(CliIO io, GlobalOptions options)
{
    public CliIO IO { get; } = io;

    public GlobalOptions Options { get; } = options;

    public void SetAction(Command command, Func<CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            var settings = CliSettings.Resolve(parse, Options, IO.Environment);
            var context = new CommandContext(parse, settings, IO);
            await using (context.ConfigureAwait(false))
            {
                return await action(context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            return await CliFailure.ReportAsync(exception, IO).ConfigureAwait(false);
        }
    }
}
