using System.CommandLine;
using System.Globalization;
using ContextMemory.Cli.Output;
using ContextMemory.Evaluation;
using ContextMemory.VectorStore;
using Spectre.Console;

namespace ContextMemory.Cli.Commands;

/// <summary>
/// <c>eval FILE</c>: the retrieval evaluation on a turns + questions JSONL file (docs/evaluation.md) with the data
/// directory's embedder. Each configuration gets a fresh store in a temporary folder under the data directory (deleted
/// afterwards), each conversation its own scope; the memories of the data directory are not touched.
/// </summary>
internal sealed class EvalCommand
{
    private readonly Argument<string> _file = new("FILE") { Description = "The JSONL file: turn and question lines (docs/evaluation.md)." };
    private readonly Option<bool> _json = CommonOptions.Json("one object listing each configuration's figures");

    public static Command Create(CommandRunner runner) => new EvalCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("eval", "Evaluate retrieval on a turns + questions JSONL file: recall@1/5/10 and MRR per standard configuration.") { _file, _json };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The whole file is read and checked before any store is made: a malformed line N is reported with its number.
        var dataset = await EvaluationDatasetReader.ReadFileAsync(context.Value(_file)!, cancellationToken).ConfigureAwait(false);
        var host = context.Host;
        var root = Directory.CreateDirectory(Path.Combine(context.Settings.DataDirectory, $"eval-{Guid.NewGuid():N}"));
        try
        {
            var stores = 0;
            var evaluator = new RetrievalEvaluator(() => new FaissVectorStore(Path.Combine(root.FullName, $"store{++stores}")), host.Embedder);
            var configurations = EvaluationConfiguration.Standard;
            IReadOnlyList<EvaluationResult> results = [];
            await context.IO.ErrorConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("evaluating");
                    var reporter = new Progress<EvaluationProgress>(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Completed;
                        task.Description = p.Configuration;
                    });
                    results = await evaluator.EvaluateAsync(dataset, configurations, reporter, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);

            if (context.Value(_json))
            {
                var document = new EvalJson { Configurations = results };
                await JsonOutput.WriteAsync(context.IO, document, CliJson.Documents.EvalJson, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("configuration", "questions", "recall@1", "recall@5", "recall@10", "MRR");
            foreach (var result in results)
            {
                table.AddRow(
                    Tables.Cell(result.Name),
                    Tables.Cell(result.Questions.ToString(CultureInfo.InvariantCulture)),
                    Tables.Cell(result.RecallAt1.ToString("F2", CultureInfo.InvariantCulture)),
                    Tables.Cell(result.RecallAt5.ToString("F2", CultureInfo.InvariantCulture)),
                    Tables.Cell(result.RecallAt10.ToString("F2", CultureInfo.InvariantCulture)),
                    Tables.Cell(result.Mrr.ToString("F2", CultureInfo.InvariantCulture)));
            }

            context.IO.Console.Write(table);
            return ExitCodes.Success;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
