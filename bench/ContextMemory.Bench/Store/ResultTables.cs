using System.Globalization;

namespace ContextMemory.Bench.Store;

/// <summary>Prints the store benchmark's results as the markdown tables of docs/benchmarks.md.</summary>
public static class ResultTables
{
    public static void Print(IReadOnlyList<ScenarioResult> results, int k)
    {
        Console.WriteLine();
        Console.WriteLine("Ingest (durable, batched; vectors/s from the first upsert to the last one's return):");
        Console.WriteLine();
        Console.WriteLine("| data | kind | index | ingest s | CPU s | vectors/s | batch p50 / p95 / max ms | checkpoint after s | raw SQLite vectors/s | store time / raw SQLite time | bare index build s | store time / bare build time |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var i = r.Ingest;
            var baseline = i.BaselineVectorsPerSecond is { } b ? F($"{b:N0}") : "-";
            var ratio = i.BaselineSeconds is { } s ? F($"{i.Seconds / s:F2}x") : "-";
            var bare = i.BareBuildSeconds is { } bb ? F($"{bb:F2}") : "-";
            var bareRatio = i.BareBuildSeconds is { } bs ? F($"{i.Seconds / bs:F2}x") : "-";
            Console.WriteLine(F($"| {r.Data} | {r.Kind} | {r.IndexDescription} | {i.Seconds:F2} | {i.CpuSeconds:F2} | {i.VectorsPerSecond:N0} | {i.Batches.P50:F1} / {i.Batches.P95:F1} / {i.Batches.Max:F1} | {i.CheckpointSeconds:F2} | {baseline} | {ratio} | {bare} | {bareRatio} |"));
        }

        PrintSearch(results, k, "Search, one query, no filter", r => r.Search);
        PrintSearch(results, k, "Search, one query, filter on one bucket of ten (10% of the records)", r => r.Filtered);

        Console.WriteLine();
        Console.WriteLine("Reopen (constructor to first search results) and size:");
        Console.WriteLine();
        Console.WriteLine("| data | kind | reopen from checkpoint s | bare load of the checkpoint s | rebuild from SQLite s | store directory MB | process peak working set GB | load before / after |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var load = r.Reopen is { } l ? F($"{l.BareLoadSeconds:F3}") : "-";
            var reopen = r.Reopen is { } o ? F($"{o.FromCheckpointSeconds:F3}") : "-";
            var rebuild = r.Reopen is { } p && !double.IsNaN(p.RebuildSeconds) ? F($"{p.RebuildSeconds:F2}") : "-";
            Console.WriteLine(F($"| {r.Data} | {r.Kind} | {reopen} | {load} | {rebuild} | {r.StoreBytes / 1e6:N0} | {r.PeakWorkingSetBytes / 1e9:F2} | {r.LoadBefore} / {r.LoadAfter} |"));
        }
    }

    private static void PrintSearch(IReadOnlyList<ScenarioResult> results, int k, string title, Func<ScenarioResult, SearchFigures> select)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}; ms, store and bare index interleaved:");
        Console.WriteLine();
        Console.WriteLine($"| data | kind | store p50 / p95 | bare index p50 / p95 | store / bare (p50) | recall@{k} store | recall@{k} bare | same results |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var s = select(r);
            Console.WriteLine(F($"| {r.Data} | {r.Kind} | {s.Store.P50:F3} / {s.Store.P95:F3} | {s.Bare.P50:F3} / {s.Bare.P95:F3} | {s.Ratio:F2}x | {s.StoreRecall:F3} | {s.BareRecall:F3} | {s.SameResults:P0} |"));
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
