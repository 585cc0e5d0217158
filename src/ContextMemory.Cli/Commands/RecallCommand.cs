using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>recall</c>: the memories of the scope most relevant to a query, with every score component.</summary>
internal sealed class RecallCommand
{
    private const int MaxLimit = 1000;

    private readonly Argument<string> _query = new("query") { Description = "What to recall." };
    private readonly Option<int> _limit = new("--limit", "-k") { Description = "How many memories (connections come on top).", DefaultValueFactory = _ => 5, HelpName = "N" };
    private readonly Option<double?> _minRelevance = new("--min-relevance") { Description = "Drop memories scoring below this.", HelpName = "X" };
    private readonly Option<bool> _noConnections = new("--no-connections") { Description = "Do not append connected episodes." };
    private readonly Option<bool> _json = CommonOptions.Json("the hits");
    private readonly FilterOptions _filter = new();

    public static Command Create(CommandRunner runner) => new RecallCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("recall", "Recall the memories most relevant to a query: a table with the score components, or --json.")
        {
            _query, _limit, _minRelevance, _noConnections, _json,
        };
        _filter.AddTo(command, withSource: false);
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.RequireScope();
        var filter = _filter.Read(context);
        var options = new RecallOptions
        {
            Limit = CommonOptions.CheckRange("--limit", context.Value(_limit), MaxLimit),
            MinRelevance = context.Value(_minRelevance),
            Kinds = filter?.Kinds,
            Tags = filter?.Tags,
            From = filter?.From,
            To = filter?.To,
            IncludeConnections = !context.Value(_noConnections),
            Explain = true,
        };
        var query = context.Value(_query)!;
        var result = await context.Memory.RecallAsync(scope, query, options, cancellationToken).ConfigureAwait(false);
        if (context.Value(_json))
        {
            var document = new RecallJson
            {
                Query = query,
                ElapsedMilliseconds = result.Elapsed.TotalMilliseconds,
                Hits = [.. result.Hits.Select(HitJson.From)],
            };
            await JsonOutput.WriteAsync(context.IO, document, CliJson.Documents.RecallJson, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        context.IO.Console.Write(Tables.Hits(result.Hits));
        context.IO.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Hits.Count} memories in {result.Elapsed.TotalMilliseconds:0.0} ms"));
        return ExitCodes.Success;
    }
}
