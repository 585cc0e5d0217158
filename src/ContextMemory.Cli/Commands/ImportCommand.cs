using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using ContextMemory.Cli.Input;

namespace ContextMemory.Cli.Commands;

/// <summary>
/// <c>import</c>: stores an <c>export</c> file as it is (ids, timestamps, scopes, embeddings kept). The whole file is
/// checked first; a malformed line N stops the import before anything is stored.
/// </summary>
internal sealed class ImportCommand
{
    private readonly Argument<string> _file = new("file") { Description = "A JSONL file written by export." };

    public static Command Create(CommandRunner runner) => new ImportCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("import", "Import a JSONL file written by export (lossless: ids, timestamps, scopes and embeddings are kept).") { _file };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var path = context.Value(_file)!;
        var dimensions = context.Host.EmbedderMetadata?.DefaultModelDimensions;
        var lines = await MemoryFileReader.ReadExportAsync(path, dimensions, cancellationToken).ConfigureAwait(false);
        var imported = await context.Memory.ImportAsync([.. lines.Select(MemoryLineMapper.ToRecord)], cancellationToken).ConfigureAwait(false);
        context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {imported} memories from {path}"));
        return ExitCodes.Success;
    }
}
