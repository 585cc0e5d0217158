using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ContextMemory.Cli.Hosting;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary>
/// <c>bench</c>: a small built-in benchmark — ingest of generated memories and recall latency — on a temporary data
/// directory (default) or, with <c>--in-place</c>, in a scope of the data directory. Figures are of this machine, now;
/// the benchmarks behind the documented numbers are in bench/.
/// </summary>
internal sealed class BenchCommand
{
    private static readonly string[] People = ["Ana", "Bo", "Chen", "Dara", "Eli", "Farah", "Goran", "Hana"];
    private static readonly string[] Verbs = ["likes", "visited", "is learning", "bought", "wrote about", "dislikes", "plans to try", "recommended"];
    private static readonly string[] Objects = ["sourdough bread", "the Alps", "Rust", "a red bicycle", "jazz piano", "sushi", "rock climbing", "chess openings", "the Lisbon tram", "tomato seedlings"];

    private readonly Option<int> _count = new("--count") { Description = "Memories to ingest.", DefaultValueFactory = _ => 200, HelpName = "N" };
    private readonly Option<int> _queries = new("--queries") { Description = "Recalls to time.", DefaultValueFactory = _ => 50, HelpName = "N" };
    private readonly Option<bool> _inPlace = new("--in-place") { Description = "Run in the data directory (scope agent=contextmemory-bench, forgotten after) instead of a temporary one." };

    public static Command Create(CommandRunner runner) => new BenchCommand().Build(runner);

    private Command Build(CommandRunner runner)
    {
        var command = new Command("bench", "A small built-in benchmark: ingest and recall timing on a temporary data directory (or --in-place).") { _count, _queries, _inPlace };
        runner.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var count = CommonOptions.CheckRange("--count", context.Value(_count), 100_000);
        var queries = CommonOptions.CheckRange("--queries", context.Value(_queries), 10_000);
        if (context.Value(_inPlace))
        {
            return await MeasureAsync(context, context.Host, count, queries, forgetAfter: true, cancellationToken).ConfigureAwait(false);
        }

        var directory = Directory.CreateTempSubdirectory("contextmemory-bench-").FullName;
        try
        {
            var settings = context.Settings.WithDataDirectory(directory);
            var host = MemoryHost.Open(settings, context.LoggerFactory);
            await using (host.ConfigureAwait(false))
            {
                return await MeasureAsync(context, host, count, queries, forgetAfter: false, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(
        CommandContext context, MemoryHost host, int count, int queries, bool forgetAfter, CancellationToken cancellationToken)
    {
        var scope = MemoryScope.ForAgent("contextmemory-bench");
        var random = new Random(20261202);
        var texts = Enumerable.Range(0, count).Select(i => Sentence(random, i)).ToArray();

        var ingest = Stopwatch.StartNew();
        foreach (var batch in texts.Chunk(32))
        {
            await host.Memory.RememberManyAsync(scope, batch.Select(text => new NewMemory { Text = text }), cancellationToken).ConfigureAwait(false);
        }

        ingest.Stop();
        var endToEnd = new List<double>(queries);
        var inside = new List<double>(queries);
        for (var i = 0; i < queries; i++)
        {
            var query = $"What does {People[random.Next(People.Length)]} think about {Objects[random.Next(Objects.Length)]}? ({i})";
            var clock = Stopwatch.StartNew();
            var result = await host.Memory.RecallAsync(scope, query, new RecallOptions { Limit = 5 }, cancellationToken).ConfigureAwait(false);
            endToEnd.Add(clock.Elapsed.TotalMilliseconds);
            inside.Add(result.Elapsed.TotalMilliseconds);
        }

        if (forgetAfter)
        {
            await host.Memory.ForgetScopeAsync(scope, new ForgetOptions { Actor = "bench" }, cancellationToken).ConfigureAwait(false);
        }

        context.IO.Console.Write(Tables.KeyValues(
        [
            ("memories ingested", count.ToString(CultureInfo.InvariantCulture)),
            ("ingest", string.Create(CultureInfo.InvariantCulture, $"{ingest.Elapsed.TotalSeconds:0.00} s ({count / ingest.Elapsed.TotalSeconds:0.0} memories/s, embedding included)")),
            ("recalls", queries.ToString(CultureInfo.InvariantCulture)),
            ("recall, query embedding included", Percentiles(endToEnd)),
            ("recall, as the memory layer reports it", Percentiles(inside)),
        ]));
        return ExitCodes.Success;
    }

    // Each sentence is distinct (the index keeps near-duplicates from merging into one memory).
    private static string Sentence(Random random, int i) =>
        $"{People[random.Next(People.Length)]} {Verbs[random.Next(Verbs.Length)]} {Objects[random.Next(Objects.Length)]} (note {i}, day {random.Next(1, 366)}).";

    private static string Percentiles(List<double> values)
    {
        values.Sort();
        double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0.0} ms, p95 {At(0.95):0.0} ms");
    }
}
