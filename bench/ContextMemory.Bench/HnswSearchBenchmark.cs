using System.Diagnostics;
using System.Globalization;
using ContextMemory.Bench.Support;
using ContextMemory.Faiss;

namespace ContextMemory.Bench;

/// <summary>
/// Approximate search, one query at a time, on the bare index: an HNSW graph over clustered unit vectors,
/// single-query latency and recall@k against exact search for a sweep of efSearch values. This is the
/// reference the vector store's own search overhead is measured against. With <c>--allow-every N</c> only every N-th id
/// may be returned (an allow-list, as a filtered store search passes it) and recall is measured against the exact
/// search over those ids.
/// </summary>
public sealed class HnswSearchBenchmark : IBenchmark
{
    public string Name => "hnsw";

    public string Description => "HNSW single-query latency and recall@k vs exact, efSearch sweep (options: --count --dim --centres --m --ef-construction --ef --queries --warmup --k --add-batch --allow-every)";

    public int Run(BenchArguments arguments)
    {
        var count = arguments.GetInt32("count", 100_000);
        var dimension = arguments.GetInt32("dim", 1536);
        var centres = arguments.GetInt32("centres", 1000);
        var m = arguments.GetInt32("m", 32);
        var efConstruction = arguments.GetInt32("ef-construction", 40);
        var efValues = arguments.GetInt32List("ef", [16, 32, 64, 128]);
        var queries = arguments.GetInt32("queries", 200);
        var warmup = arguments.GetInt32("warmup", 20);
        var k = arguments.GetInt32("k", 10);
        var addBatch = arguments.GetInt32("add-batch", 0);
        var allowEvery = arguments.GetInt32("allow-every", 1);
        arguments.EnsureAllRead();

        Console.WriteLine($"HNSW{m} (efConstruction {efConstruction}) over {count:N0} x {dimension} clustered unit vectors ({centres} centres, cosine), k={k}, {queries} queries after {warmup} warm-up");
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; FAISS {FaissLibrary.FaissVersion} ({FaissLibrary.Flavor})");
        if (allowEvery > 1)
        {
            Console.WriteLine($"Allow-list: every {allowEvery}th id ({100.0 / allowEvery:F1} % of the vectors)");
        }

        var vectors = ClusteredVectors.Normalised(count, dimension, centres, centreSeed: 5, pointSeed: 6);
        var queryVectors = ClusteredVectors.Normalised(queries + warmup, dimension, centres, centreSeed: 5, pointSeed: 7);
        var ids = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        FaissLibrary.OmpThreads = Environment.ProcessorCount;

        using var allowed = allowEvery > 1 ? EveryNth(count, allowEvery) : null;
        var truth = ExactTopK(vectors, ids, queryVectors.AsSpan(warmup * dimension), dimension, queries, k, allowed);

        using var index = FaissIndex.Create(dimension, IndexSpec.Hnsw(m, efConstruction, efValues[0]), FaissMetric.Cosine);
        var start = Stopwatch.GetTimestamp();
        var step = addBatch > 0 ? addBatch : count;
        for (var first = 0; first < count; first += step)
        {
            var n = Math.Min(step, count - first);
            index.Add(vectors.AsSpan(first * dimension, n * dimension), ids.AsSpan(first, n));
        }

        var buildSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"Built in {buildSeconds:F1} s on {FaissLibrary.OmpThreads} threads ({count / buildSeconds:F0} vectors/s), {(addBatch > 0 ? $"added in batches of {addBatch}" : "added in one call")}");
        Console.WriteLine();

        FaissLibrary.OmpThreads = 1;
        Console.WriteLine("| efSearch | p50 ms | p95 ms | recall@" + k + " |");
        Console.WriteLine("|---|---|---|---|");
        var distances = new float[k];
        var labels = new long[k];
        foreach (var ef in efValues)
        {
            var options = new FaissSearchOptions { EfSearch = ef, Selector = allowed };
            var latency = new Latency();
            var found = new long[queries * k];
            for (var q = 0; q < queries + warmup; q++)
            {
                var t = Stopwatch.GetTimestamp();
                index.Search(queryVectors.AsSpan(q * dimension, dimension), k, distances, labels, options);
                var ms = Latency.Milliseconds(t);
                if (q >= warmup)
                {
                    latency.Add(ms);
                    labels.CopyTo(found, (q - warmup) * k);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {ef} | {latency.P50:F3} | {latency.P95:F3} | {RecallAtK(found, truth, queries, k):F3} |"));
        }

        if (allowEvery > 1)
        {
            // The alternative to the graph walk for a filter: an exact scan of the allowed ids only.
            var allowedIds = ids.Where(id => id % allowEvery == 0).ToArray();
            var latency = new Latency();
            var found = new long[queries * k];
            for (var q = 0; q < queries + warmup; q++)
            {
                var t = Stopwatch.GetTimestamp();
                var n = index.SearchSubset(queryVectors.AsSpan(q * dimension, dimension), k, allowedIds, distances, labels);
                var ms = Latency.Milliseconds(t);
                if (q >= warmup)
                {
                    latency.Add(ms);
                    labels.AsSpan(0, n).CopyTo(found.AsSpan((q - warmup) * k));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| exact over the {allowedIds.Length:N0} allowed ids | {latency.P50:F3} | {latency.P95:F3} | {RecallAtK(found, truth, queries, k):F3} |"));
        }

        return 0;
    }

    private static FaissIdSelector EveryNth(int count, int n)
    {
        var bits = new byte[(count >> 3) + 1];
        for (var id = 0; id < count; id += n)
        {
            bits[id >> 3] |= (byte)(1 << (id & 7));
        }

        return FaissIdSelector.FromBitmap(bits, count);
    }

    private static long[] ExactTopK(
        float[] vectors, long[] ids, ReadOnlySpan<float> queries, int dimension, int queryCount, int k, FaissIdSelector? allowed)
    {
        using var exact = FaissIndex.Create(dimension, IndexSpec.Flat(), FaissMetric.Cosine);
        exact.Add(vectors, ids);
        var distances = new float[queryCount * k];
        var labels = new long[queryCount * k];
        exact.Search(queries[..(queryCount * dimension)], k, distances, labels, new FaissSearchOptions { Selector = allowed });
        return labels;
    }

    private static double RecallAtK(long[] found, long[] truth, int queries, int k)
    {
        var hits = 0;
        for (var q = 0; q < queries; q++)
        {
            var expected = truth.AsSpan(q * k, k).ToArray().ToHashSet();
            foreach (var id in found.AsSpan(q * k, k))
            {
                hits += expected.Contains(id) ? 1 : 0;
            }
        }

        return (double)hits / (queries * k);
    }
}
