using System.CommandLine;
using System.CommandLine.Help;
using ContextMemory.Cli.Commands;

namespace ContextMemory.Cli;

/// <summary>Builds the <c>contextmemory</c> command tree and runs one command line.</summary>
internal static class CliApplication
{
    public const string Name = "contextmemory";

    /// <summary>Runs a command line; returns the exit code (<see cref="ExitCodes"/>). Never throws.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliIO io, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(io);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelpOrVersion(parse))
        {
            // One line per problem, then where to look; never the whole help text.
            foreach (var error in parse.Errors)
            {
                await io.Error.WriteLineAsync(CliErrors.Prefix + CliErrors.OneLine(error.Message)).ConfigureAwait(false);
            }

            await io.Error.WriteLineAsync($"{CliErrors.Prefix}try '{Name} --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = io.Out,
            Error = io.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the token every command honours; the command then disposes the store (a checkpoint) and
            // returns. Allow that much time before the process is ended anyway.
            ProcessTerminationTimeout = cancellationToken.CanBeCanceled ? null : TimeSpan.FromSeconds(30),
        };

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return await CliFailure.ReportAsync(exception, io).ConfigureAwait(false);
        }
    }

    public static Command BuildRootCommand(CliIO io)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(io, options);

        // A named command rather than RootCommand, whose name is the running executable's (ContextMemory.Cli, dotnet,
        // a test host): help reads "contextmemory" however the tool is started.
        var root = new Command(Name, "Long-term memory for AI agents: remember, recall and forget from the command line; serve the memory tools over MCP.")
        {
            new HelpOption(),
            new VersionOption { Action = new VersionAction(io) },
        };
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        Command[] commands =
        [
            InitCommand.Create(runner),
            AddCommand.Create(runner),
            RecallCommand.Create(runner),
            GetCommand.Create(runner),
            ListCommand.Create(runner),
            ForgetCommand.Create(runner),
            HistoryCommand.Create(runner),
            CollectionsCommand.Create(runner),
            StatsCommand.Create(runner),
            RebuildCommand.Create(runner),
            CompactCommand.Create(runner),
            ExportCommand.Create(runner),
            ImportCommand.Create(runner),
            EvalCommand.Create(runner),
            BenchCommand.Create(runner),
            McpCommand.Create(runner),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        // Help fits the terminal when there is one; redirected, it has a fixed width, so it reads the same everywhere.
        if (!io.Interactive && root.Options.OfType<HelpOption>().FirstOrDefault()?.Action is HelpAction help)
        {
            help.MaxWidth = 110;
        }

        return root;
    }

    private static bool IsHelpOrVersion(ParseResult parse) =>
        parse.Action is HelpAction || parse.Tokens.Any(token => token.Value == "--version");
}
