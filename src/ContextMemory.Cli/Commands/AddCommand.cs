using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ContextMemory.Cli.Input;
using ContextMemory.Cli.Output;
using Spectre.Console;

namespace ContextMemory.Cli.Commands;

/// <summary><c>add</c>: remembers one text, or every memory of a .txt / .jsonl file (checked whole before any is stored).</summary>
internal sealed class AddCommand
{
    private const int BatchSize = 32;

    private readonly Argument<string?> _text = new("text") { Description = "The text to remember.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _file = new("--file", "-f") { Description = "Import a .txt file (one memory per non-empty line) or a .jsonl file (one object per line: text, kind, importance, occurredAt, tags, source, speaker).", HelpName = "PATH" };
    private readonly Option<string?> _kind = new("--kind") { Description = "fact (default) or episode.", HelpName = "KIND" };
    private readonly Option<double?> _importance = new("--importance") { Description = "0..1; unset: estimated from the text.", HelpName = "X" };
    private readonly Option<string[]> _tags = new("--tag") { Description = "A tag (repeatable).", HelpName = "TAG" };
    private readonly Option<string?> _source = new("--source") { Description = "Where the memory came from.", HelpName = "SOURCE" };
    private readonly Option<string?> _speaker = new("--speaker") { Description = "Who said it.", HelpName = "NAME" };
    private readonly Option<string?> _occurredAt = new("--occurred-at") { Description = "When it happened (ISO 8601; default now).", HelpName = "TIME" };

    public static Command Create(CommandRunner runner) => new AddCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("add", "Remember a text, or import a .txt / .jsonl file of memories (with a progress bar and a summary).")
        {
            _text, _file, _kind, _importance, _tags, _source, _speaker, _occurredAt,
        };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var text = context.Value(_text);
        var file = context.Value(_file);
        if ((text is null) == (file is null))
        {
            throw new CliException(ExitCodes.Usage, CliErrors.AddNeedsTextOrFile);
        }

        var scope = context.RequireScope();
        var memories = file is null ? [FromOptions(context, text!)] : await MemoryFileReader.ReadNewMemoriesAsync(file, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var results = memories.Count == 1
            ? [await context.Memory.RememberAsync(scope, memories[0], cancellationToken).ConfigureAwait(false)]
            : await RememberWithProgressAsync(context, scope, memories, cancellationToken).ConfigureAwait(false);
        clock.Stop();

        if (file is null)
        {
            var result = results[0];
            context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(result.Outcome == RememberOutcome.Merged ? "merged into" : "added")} {result.Memory.Id}"));
            return ExitCodes.Success;
        }

        var merged = results.Count(result => result.Outcome == RememberOutcome.Merged);
        context.IO.Console.Write(Tables.KeyValues(
        [
            ("file", file),
            ("memories read", memories.Count.ToString(CultureInfo.InvariantCulture)),
            ("added", (results.Count - merged).ToString(CultureInfo.InvariantCulture)),
            ("merged into existing", merged.ToString(CultureInfo.InvariantCulture)),
            ("scope", Scopes.Describe(scope)),
            ("elapsed", clock.Elapsed.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture)),
        ]));
        return ExitCodes.Success;
    }

    private NewMemory FromOptions(CommandContext context, string text)
    {
        if (context.Value(_importance) is { } importance && !(importance >= 0 && importance <= 1))
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.BadImportance(importance));
        }

        return new NewMemory
        {
            Text = text,
            Kind = context.Value(_kind) is { } kind ? MemoryKinds.Parse(kind) : MemoryKind.Fact,
            Importance = context.Value(_importance),
            Tags = context.Value(_tags) is { Length: > 0 } tags ? tags : null,
            Source = context.Value(_source),
            Speaker = context.Value(_speaker),
            OccurredAt = FilterOptions.ParseTime(context.Value(_occurredAt)),
        };
    }

    // Batches of 32, each one call to the memory layer (embedded together); a cancelled import keeps every memory the
    // layer stored before Ctrl+C, each whole, and stops there.
    private static async Task<IReadOnlyList<RememberResult>> RememberWithProgressAsync(
        CommandContext context, MemoryScope scope, IReadOnlyList<NewMemory> memories, CancellationToken cancellationToken)
    {
        var results = new List<RememberResult>(memories.Count);
        await context.IO.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("remembering", maxValue: memories.Count);
                foreach (var batch in memories.Chunk(BatchSize))
                {
                    results.AddRange(await context.Memory.RememberManyAsync(scope, batch, cancellationToken).ConfigureAwait(false));
                    task.Increment(batch.Length);
                }
            }).ConfigureAwait(false);
        return results;
    }
}
