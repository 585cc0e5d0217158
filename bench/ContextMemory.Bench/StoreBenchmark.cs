using System.Diagnostics;
using ContextMemory.Bench.Store;
using ContextMemory.Bench.Support;
using ContextMemory.Faiss;

namespace ContextMemory.Bench;

/// <summary>
/// The vector store end to end through its public API: durable batched ingest, single-query search without and with
/// a filter, recall against exact search, the overhead over the bare FAISS index measured in the same loop, and
/// reopening from the checkpoint or rebuilding from SQLite. Ingest is put next to a raw SQLite insert loop of the same
/// rows, run in the same process, as the floor.
/// </summary>
public sealed class StoreBenchmark : IBenchmark
{
    public string Name => "store";

    public string Description => "vector store: ingest, search p50/p95 (+filter), recall, overhead vs bare index, reopen/rebuild (options: --dims --sizes --kinds --queries --warmup --k --batch --centres --buckets --fulltext --reopen --rebuild --baseline --bare-build --dir --keep)";

    public int Run(BenchArguments arguments)
    {
        var options = StoreBenchOptions.Parse(arguments);
        Console.WriteLine($"Vector store benchmark: sizes {string.Join(",", options.Sizes)} x dims {string.Join(",", options.Dimensions)}, kinds {string.Join(",", options.Kinds)}");
        Console.WriteLine($"Batches of {options.BatchSize}; {options.Queries} queries after {options.Warmup} warm-up, k={options.K}; clustered unit vectors ({options.Centres} centres, cosine); filter = one bucket of {options.Buckets}; full-text index: {options.FullText}");
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; FAISS {FaissLibrary.FaissVersion} ({FaissLibrary.Flavor}), OpenMP threads {FaissLibrary.OmpThreads}; load {Machine.LoadAverage()}");
        Console.WriteLine($"Store directories under {options.Directory}");

        var results = new List<ScenarioResult>();
        foreach (var dimensions in options.Dimensions)
        {
            foreach (var size in options.Sizes)
            {
                var start = Stopwatch.GetTimestamp();
                var data = StoreDataSet.Create(size, dimensions, options.Centres, options.Buckets, options.Warmup + options.Queries, options.K);
                Console.WriteLine();
                Console.WriteLine($"== {data.Label}: data and exact top-{options.K} in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
                double? baseline = null;
                if (options.Baseline)
                {
                    var directory = Path.Combine(options.Directory, $"baseline-{size}x{dimensions}");
                    (var seconds, var cpuSeconds) = RawSqliteBaseline.Run(directory, data, options.BatchSize);
                    baseline = seconds;
                    Directory.Delete(directory, recursive: true);
                    Console.WriteLine($"  raw SQLite inserts: {seconds:F2} s ({cpuSeconds:F2} s CPU), {size / seconds:N0} vectors/s (load {Machine.LoadAverage()})");
                }

                foreach (var kind in options.Kinds)
                {
                    Console.WriteLine($"-- {data.Label} {kind} (load {Machine.LoadAverage()})");
                    results.Add(StoreScenario.RunAsync(data, kind, options, baseline).GetAwaiter().GetResult());
                }
            }
        }

        ResultTables.Print(results, options.K);
        return 0;
    }
}
