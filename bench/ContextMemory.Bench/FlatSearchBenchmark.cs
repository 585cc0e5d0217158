using System.Diagnostics;
using System.Globalization;
using ContextMemory.Bench.Support;
using ContextMemory.Faiss;
using ContextMemory.Faiss.Interop;

namespace ContextMemory.Bench;

/// <summary>
/// Exact search, one query at a time: FAISS generic vs FAISS AVX2 vs a plain managed SIMD scan over the same
/// contiguous memory. Both flavours run through <see cref="FaissIndex"/>: the one the binding loads (AVX2 on a capable
/// CPU), and the other bound by path in the same process (<see cref="NativeBridge.Load(string)"/>; the libraries export
/// only the cmf_* symbols, so their two FAISS copies cannot interpose on each other). Queries are interleaved across the three methods,
/// rotating the order, so a busy shared machine slows all of them alike and the ratios stay meaningful.
/// </summary>
public sealed class FlatSearchBenchmark : IBenchmark
{
    private const int DataSeed = 20_240_601;
    private const int QuerySeed = 77;

    public string Name => "flat";

    public string Description => "exact single-query search: FAISS generic vs AVX2 vs managed SIMD scan (options: --count --dims --queries --warmup --k)";

    public int Run(BenchArguments arguments)
    {
        var count = arguments.GetInt32("count", 100_000);
        var dims = arguments.GetInt32List("dims", [1536, 384]);
        var queries = arguments.GetInt32("queries", 200);
        var warmup = arguments.GetInt32("warmup", 20);
        var k = arguments.GetInt32("k", 10);
        arguments.EnsureAllRead();

        FaissLibrary.OmpThreads = 1;
        var boundIsAvx2 = FaissLibrary.Flavor == "avx2";
        var otherPath = Path.Combine(
            Path.GetDirectoryName(FaissLibrary.LibraryPath)!, boundIsAvx2 ? NativeLibraryLoader.GenericFileName : NativeLibraryLoader.Avx2FileName);
        var otherBridge = NativeBridge.Load(otherPath);
        otherBridge.SetOmpThreads(1);
        var otherFlavor = otherBridge.Flavor;
        Console.WriteLine($"Exact search, one query: {count:N0} random unit vectors (cosine), k={k}, {queries} queries after {warmup} warm-up, OpenMP threads 1");
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; FAISS {FaissLibrary.FaissVersion}; binding flavour {FaissLibrary.Flavor} ({FaissLibrary.LibraryPath}); {otherFlavor} loaded from {otherPath}");
        Console.WriteLine();

        var rows = new List<string>();
        foreach (var dimension in dims)
        {
            rows.Add(Measure(count, dimension, queries, warmup, k, otherBridge));
        }

        Console.WriteLine("Times in ms per query, p50 / p95.");
        Console.WriteLine();
        Console.WriteLine("| data | FAISS generic | FAISS AVX2 | managed SIMD scan | generic / AVX2 (p50) | AVX2 / SIMD scan (p50) | same top-k |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static string Measure(int count, int dimension, int queries, int warmup, int k, NativeBridge otherBridge)
    {
        Console.Error.WriteLine($"[{dimension}] generating {count:N0} vectors and building both indexes");
        var vectors = RandomVectors.Normalised(count, dimension, DataSeed);
        var queryVectors = RandomVectors.Normalised(queries + warmup, dimension, QuerySeed);

        // What the binding's input check costs on a batch this size (it runs before every Add).
        var check = Stopwatch.GetTimestamp();
        var finite = VectorChecks.AllFinite(vectors);
        var checkMs = Latency.Milliseconds(check);

        using var bound = FaissIndex.Create(dimension, IndexSpec.Flat(), FaissMetric.Cosine);
        var build = Stopwatch.GetTimestamp();
        Fill(bound, vectors, dimension);
        var buildMs = Latency.Milliseconds(build);
        using var other = FaissIndex.Create(otherBridge, dimension, IndexSpec.Flat(), FaissMetric.Cosine);
        Fill(other, vectors, dimension);

        var boundLatency = new Latency();
        var otherLatency = new Latency();
        var scanLatency = new Latency();
        var distances = new float[k];
        var labels = new long[k];
        var agree = finite;
        for (var q = 0; q < queries + warmup; q++)
        {
            ReadOnlySpan<float> query = queryVectors.AsSpan(q * dimension, dimension);
            long[] boundTop = [];
            long[] otherTop = [];
            long[] scanTop = [];
            for (var turn = 0; turn < 3; turn++)
            {
                var t = Stopwatch.GetTimestamp();
                switch ((q + turn) % 3)
                {
                    case 0:
                        bound.Search(query, k, distances, labels);
                        Record(q >= warmup, boundLatency, t);
                        boundTop = labels.ToArray();
                        break;
                    case 1:
                        other.Search(query, k, distances, labels);
                        Record(q >= warmup, otherLatency, t);
                        otherTop = labels.ToArray();
                        break;
                    default:
                        scanTop = ManagedScan.TopK(vectors, dimension, query, k);
                        Record(q >= warmup, scanLatency, t);
                        break;
                }
            }

            agree &= boundTop.SequenceEqual(otherTop) && boundTop.SequenceEqual(scanTop);
        }

        var boundIsAvx2 = FaissLibrary.Flavor == "avx2";
        var avx2 = boundIsAvx2 ? boundLatency : otherLatency;
        var generic = boundIsAvx2 ? otherLatency : boundLatency;
        Console.Error.WriteLine($"[{dimension}] NaN/Inf check of the {count:N0}-vector batch: {checkMs:F1} ms (adding the same batch through the binding: {buildMs:F0} ms); all top-{k} identical: {agree}");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {count / 1000}k x {dimension} | {generic.P50:F2} / {generic.P95:F2} | {avx2.P50:F2} / {avx2.P95:F2} | {scanLatency.P50:F2} / {scanLatency.P95:F2} | {generic.P50 / avx2.P50:F2}x | {avx2.P50 / scanLatency.P50:F2}x | {(agree ? "yes" : "NO")} |");
    }

    private static void Fill(FaissIndex index, float[] vectors, int dimension)
    {
        const int Chunk = 10_000;
        var count = vectors.Length / dimension;
        for (var first = 0; first < count; first += Chunk)
        {
            var n = Math.Min(Chunk, count - first);
            index.Add(vectors.AsSpan(first * dimension, n * dimension), Enumerable.Range(first, n).Select(i => (long)i).ToArray());
        }
    }

    private static void Record(bool measured, Latency latency, long start)
    {
        var ms = Latency.Milliseconds(start);
        if (measured)
        {
            latency.Add(ms);
        }
    }
}
