using System.Diagnostics;
using System.Globalization;
using ContextMemory.Bench.Support;
using ContextMemory.Faiss;
using ContextMemory.VectorStore;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Bench.Store;

/// <summary>
/// One configuration of the store benchmark, all through the public API of a fresh store with default options
/// (Durability.Full): ingest in batches, checkpoint, search (interleaved with the bare index) without and with a
/// filter, then reopen from the checkpoint and rebuild from SQLite.
/// </summary>
public static class StoreScenario
{
    private const string CollectionName = "bench";

    public static async Task<ScenarioResult> RunAsync(StoreDataSet data, string kind, StoreBenchOptions options, double? baselineSeconds)
    {
        var directory = Path.Combine(options.Directory, string.Create(CultureInfo.InvariantCulture, $"{kind}-{data.Count}x{data.Dimensions}"));
        DeleteDirectory(directory);
        var loadBefore = Machine.LoadAverage();
        var definition = StoreBenchRecord.Definition(data.Dimensions, kind, options.FullText);

        IngestFigures ingest;
        SearchFigures search;
        SearchFigures filtered;
        string description;
        using (var store = new FaissVectorStore(directory))
        {
            var collection = store.GetCollection<long, StoreBenchRecord>(CollectionName, new FaissCollectionOptions { Definition = definition });
            await collection.EnsureCollectionExistsAsync();
            ingest = await IngestAsync(collection, data, options.BatchSize, baselineSeconds);

            using var bare = FaissIndex.Load(CheckpointPath(directory)).Index;
            description = bare.Description;
            if (options.BareBuild)
            {
                ingest = ingest with { BareBuildSeconds = BareBuild.Seconds(bare.Spec, data, options.BatchSize) };
                Progress($"bare index build of the same vectors: {ingest.BareBuildSeconds:F2} s (load {Machine.LoadAverage()})");
            }

            using var comparison = new SearchComparison(collection, bare, data, options.Warmup);
            search = await comparison.RunAsync(filtered: false);
            Progress($"search: store p50 {search.Store.P50:F3} ms, bare p50 {search.Bare.P50:F3} ms, ratio {search.Ratio:F2}, recall {search.StoreRecall:F3}");
            filtered = await comparison.RunAsync(filtered: true);
            Progress($"filtered: store p50 {filtered.Store.P50:F3} ms, bare p50 {filtered.Bare.P50:F3} ms, ratio {filtered.Ratio:F2}, recall {filtered.StoreRecall:F3}");
        }

        var reopen = options.Reopen ? await MeasureReopenAsync(directory, definition, data, options.Rebuild) : null;
        var bytes = DirectorySize(directory);
        if (!options.KeepStores)
        {
            DeleteDirectory(directory);
        }

        using var self = Process.GetCurrentProcess();
        return new ScenarioResult(data.Label, kind, description, ingest, search, filtered, reopen, bytes, self.PeakWorkingSet64, loadBefore, Machine.LoadAverage());
    }

    private static async Task<IngestFigures> IngestAsync(
        FaissCollection<long, StoreBenchRecord> collection, StoreDataSet data, int batchSize, double? baselineSeconds)
    {
        var batches = new Latency();
        var reportEvery = Math.Max(batchSize, data.Count / 10);
        var cpuStart = Machine.CpuTime();
        var start = Stopwatch.GetTimestamp();
        for (var first = 0; first < data.Count; first += batchSize)
        {
            var batch = new ArraySegment<StoreBenchRecord>(data.Records, first, Math.Min(batchSize, data.Count - first));
            var t = Stopwatch.GetTimestamp();
            await collection.UpsertAsync(batch);
            batches.Add(Latency.Milliseconds(t));
            var done = first + batch.Count;
            if (done % reportEvery < batchSize && done < data.Count)
            {
                Progress($"ingest: {done:N0} vectors, {done / Stopwatch.GetElapsedTime(start).TotalSeconds:N0}/s so far (load {Machine.LoadAverage()})");
            }
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = (Machine.CpuTime() - cpuStart).TotalSeconds;
        var checkpointStart = Stopwatch.GetTimestamp();
        await collection.CheckpointAsync();
        var checkpointSeconds = Stopwatch.GetElapsedTime(checkpointStart).TotalSeconds;
        var figures = new IngestFigures(data.Count, seconds, batches, checkpointSeconds, cpuSeconds, baselineSeconds);
        Progress($"ingest: {seconds:F2} s ({cpuSeconds:F2} s CPU), {figures.VectorsPerSecond:N0} vectors/s; batch p50 {batches.P50:F1} ms, max {batches.Max:F1} ms; checkpoint {checkpointSeconds:F2} s");
        return figures;
    }

    private static async Task<ReopenFigures> MeasureReopenAsync(string directory, VectorStoreCollectionDefinition definition, StoreDataSet data, bool rebuildToo)
    {
        var loadStart = Stopwatch.GetTimestamp();
        using (FaissIndex.Load(CheckpointPath(directory)).Index)
        {
        }

        var bareLoad = Stopwatch.GetElapsedTime(loadStart).TotalSeconds;
        var fromCheckpoint = await OpenAndSearchAsync(directory, definition, data);
        Progress($"reopen from checkpoint: {fromCheckpoint:F3} s (bare load of the checkpoint file: {bareLoad:F3} s)");
        if (!rebuildToo)
        {
            return new ReopenFigures(fromCheckpoint, bareLoad, double.NaN);
        }

        File.Delete(CheckpointPath(directory));
        var rebuild = await OpenAndSearchAsync(directory, definition, data);
        Progress($"rebuild from SQLite: {rebuild:F3} s");
        return new ReopenFigures(fromCheckpoint, bareLoad, rebuild);
    }

    private static async Task<double> OpenAndSearchAsync(string directory, VectorStoreCollectionDefinition definition, StoreDataSet data)
    {
        var start = Stopwatch.GetTimestamp();
        using var store = new FaissVectorStore(directory);
        var collection = store.GetCollection<long, StoreBenchRecord>(CollectionName, new FaissCollectionOptions { Definition = definition });
        var found = 0;
        await foreach (var _ in collection.SearchAsync(data.Query(0), data.K))
        {
            found++;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (found != Math.Min(data.K, data.Count))
        {
            throw new InvalidOperationException($"the reopened store returned {found} results");
        }

        return seconds;
    }

    private static string CheckpointPath(string directory) =>
        Directory.GetFiles(Path.Combine(directory, "indexes"), "*.cmfi").Single();

    private static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Progress(string message) => Console.WriteLine($"  [{DateTime.UtcNow:HH:mm:ss}] {message}");
}
