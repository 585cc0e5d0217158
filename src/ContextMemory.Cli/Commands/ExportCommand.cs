using System.CommandLine;
using System.Globalization;
using ContextMemory.Cli.Input;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>export</c>: every memory of the scope (or of the whole store) as JSONL, with embeddings, losslessly.</summary>
internal sealed class ExportCommand
{
    private readonly Option<string?> _output = new("--output", "-o") { Description = "Write to this file (default: stdout).", HelpName = "PATH" };

    public static Command Create(CommandRunner runner) => new ExportCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("export", "Export the scope's memories (every scope when none is given) as JSONL, with ids, timestamps and embeddings.") { _output };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var path = context.Value(_output);
        if (path is null)
        {
            await WriteAsync(context, context.IO.Out, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        int count;

        // Written beside the target and renamed into place: a cancelled or failed export leaves no half file.
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        try
        {
            var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false));
            await using (writer.ConfigureAwait(false))
            {
                count = await WriteAsync(context, writer, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        await context.IO.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {count} memories to {full}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static Task<int> WriteAsync(CommandContext context, TextWriter writer, CancellationToken cancellationToken) =>
        JsonOutput.WriteLinesAsync(writer, context.Memory.ExportAsync(context.OptionalScope(), cancellationToken), MemoryLine.From, CliJson.Lines.MemoryLine, cancellationToken);
}
