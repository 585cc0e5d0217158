using System.Diagnostics;
using ContextMemory.Faiss;
using IndexDemo;

// Builds Flat and HNSW indexes over generated clustered data, saves them, reloads them, and checks that the
// reloaded indexes answer exactly as the originals. No network, no API key.
const int Count = 20_000;
const int Dimension = 384;
const int Queries = 200;
const int K = 10;

Console.WriteLine($"FAISS {FaissLibrary.FaissVersion}, {FaissLibrary.Flavor} build: {FaissLibrary.LibraryPath}");
foreach (var note in FaissLibrary.LoadNotes)
{
    Console.WriteLine($"  {note}");
}

var start = Stopwatch.GetTimestamp();
var vectors = ClusteredVectors.Generate(Count, Dimension, centres: 200, centreSeed: 1, pointSeed: 2);
var queries = ClusteredVectors.Generate(Queries, Dimension, centres: 200, centreSeed: 1, pointSeed: 3);
var ids = Enumerable.Range(0, Count).Select(i => 1_000_000L + (7L * i)).ToArray();
Console.WriteLine($"Data: {Count:N0} x {Dimension} clustered vectors (200 centres), {Queries} queries, cosine, k={K} ({Elapsed(start):F0} ms to generate)");
Console.WriteLine();

var directory = Directory.CreateTempSubdirectory("contextmemory-demo-").FullName;
var allIdentical = true;
long[]? exact = null;
try
{
    Console.WriteLine("| index | build | save | load | file | search p50 (1 query) | recall@10 vs Flat | reloaded = original |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    foreach (var spec in new[] { IndexSpec.Flat(), IndexSpec.Hnsw(m: 32, efConstruction: 40, efSearch: 64) })
    {
        start = Stopwatch.GetTimestamp();
        using var index = FaissIndex.Create(Dimension, spec, FaissMetric.Cosine);
        index.Add(vectors, ids);
        var buildMs = Elapsed(start);

        var path = Path.Combine(directory, spec.Kind + ".cmf");
        start = Stopwatch.GetTimestamp();
        index.Save(path, "demo collection"u8);
        var saveMs = Elapsed(start);

        start = Stopwatch.GetTimestamp();
        (var reloaded, var userData) = FaissIndex.Load(path);
        var loadMs = Elapsed(start);
        using (reloaded)
        {
            (var labels, var distances) = SearchAll(index, queries);
            (var reloadedLabels, var reloadedDistances) = SearchAll(reloaded, queries);
            var identical = labels.SequenceEqual(reloadedLabels) && distances.SequenceEqual(reloadedDistances)
                && reloaded.Count == index.Count && reloaded.Metric == index.Metric && userData.Span.SequenceEqual("demo collection"u8);
            allIdentical &= identical;
            exact ??= labels;

            var p50 = SingleQueryP50(reloaded, queries);
            var recall = Recall(labels, exact);
            Console.WriteLine($"| {spec.FactoryDescription} | {buildMs:F0} ms | {saveMs:F0} ms | {loadMs:F0} ms | {new FileInfo(path).Length / 1048576.0:F1} MiB | {p50:F3} ms | {recall:F3} | {(identical ? "yes" : "NO")} |");
        }
    }
}
finally
{
    Directory.Delete(directory, recursive: true);
}

Console.WriteLine();
Console.WriteLine(allIdentical ? "Reloaded indexes return exactly the original results." : "MISMATCH: a reloaded index answered differently.");
return allIdentical ? 0 : 1;

static (long[] Labels, float[] Distances) SearchAll(FaissIndex index, float[] queries)
{
    var labels = new long[Queries * K];
    var distances = new float[Queries * K];
    index.Search(queries, K, distances, labels);
    return (labels, distances);
}

static double SingleQueryP50(FaissIndex index, float[] queries)
{
    var times = new List<double>();
    var distances = new float[K];
    var labels = new long[K];
    for (var q = 0; q < Queries; q++)
    {
        var t = Stopwatch.GetTimestamp();
        index.Search(queries.AsSpan(q * Dimension, Dimension), K, distances, labels);
        times.Add(Elapsed(t));
    }

    times.Sort();
    return times[times.Count / 2];
}

static double Recall(long[] approximate, long[] exact)
{
    var hits = 0;
    for (var q = 0; q < Queries; q++)
    {
        var truth = exact.AsSpan(q * K, K).ToArray().ToHashSet();
        hits += approximate.AsSpan(q * K, K).ToArray().Count(truth.Contains);
    }

    return (double)hits / (Queries * K);
}

static double Elapsed(long since) => Stopwatch.GetElapsedTime(since).TotalMilliseconds;
