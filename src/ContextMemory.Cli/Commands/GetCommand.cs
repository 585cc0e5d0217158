using System.CommandLine;
using ContextMemory.Cli.Input;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>get</c>: one memory of the scope by id.</summary>
internal sealed class GetCommand
{
    private readonly Argument<string> _id = CommonOptions.MemoryId();
    private readonly Option<bool> _json = CommonOptions.Json("the memory");

    public static Command Create(CommandRunner runner) => new GetCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("get", "Show one memory of the scope.") { _id, _json };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.RequireScope();
        var id = CommonOptions.ParseId(context.Value(_id)!);
        var record = await context.Memory.GetAsync(scope, id, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(ExitCodes.NotFound, CliErrors.NotFound(id));
        if (context.Value(_json))
        {
            await JsonOutput.WriteAsync(context.IO, MemoryLine.From(record), CliJson.Documents.MemoryLine, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        context.IO.Console.Write(Tables.KeyValues(
        [
            ("id", record.Id.ToString()),
            ("text", record.Text),
            ("kind", MemoryKinds.Name(record.Kind)),
            ("importance", Tables.Number(record.Importance)),
            ("occurred", Tables.Time(record.OccurredAt)),
            ("created", Tables.Time(record.CreatedAt)),
            ("updated", Tables.Time(record.UpdatedAt)),
            ("last accessed", Tables.Time(record.LastAccessedAt)),
            ("scope", Scopes.Describe(record.Scope)),
            ("tags", string.Join(", ", record.Tags)),
            ("source", record.Source ?? ""),
            ("speaker", record.Speaker ?? ""),
            ("connections", string.Join(", ", record.Connections)),
            ("merged", record.MergedCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));
        return ExitCodes.Success;
    }
}
