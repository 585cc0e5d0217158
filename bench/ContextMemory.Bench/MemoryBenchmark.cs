using System.Diagnostics;
using System.Globalization;
using ContextMemory.Bench.Support;
using ContextMemory.VectorStore;

namespace ContextMemory.Bench;

/// <summary>
/// Memory recall end to end through MemoryService with the model call excluded (a precomputed embedder), and the layout
/// question: one scope of N memories against S scopes of N/S memories, in one store each. For each: import time, open
/// time (a new store and service to the first recall answered) and recall latency p50/p95 over distinct queries, limit 5.
/// </summary>
public sealed class MemoryBenchmark : IBenchmark
{
    public string Name => "memory";

    public string Description => "memory recall p50/p95 excluding the model, one scope vs many: --memories 100000 --scopes 1000 --queries 300 --dims 384 --retrieval hybrid|vector|keyword --update-last-accessed false|true";

    public int Run(BenchArguments arguments)
    {
        var memories = arguments.GetInt32("memories", 100_000);
        var scopes = arguments.GetInt32("scopes", 1_000);
        var queries = arguments.GetInt32("queries", 300);
        var dims = arguments.GetInt32("dims", 384);
        var retrieval = Enum.Parse<RetrievalMode>(arguments.GetText("retrieval", nameof(RetrievalMode.Hybrid)), ignoreCase: true);
        var updateLastAccessed = arguments.GetText("update-last-accessed", "false") == "true";
        arguments.EnsureAllRead();
        Console.WriteLine($"# memory: {memories} memories, 1 scope vs {scopes} scopes x {memories / scopes}, {queries} queries, {dims} dims, retrieval {retrieval}, last-accessed updates {(updateLastAccessed ? "on" : "off")}; {Machine.Describe()}; load {Machine.LoadAverage()}");
        var data = ClusteredVectors.Normalised(memories + queries, dims, centres: 200, centreSeed: 7, pointSeed: 11);
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < queries; i++)
        {
            vectors[$"query {i}"] = data.AsSpan((memories + i) * dims, dims).ToArray();
        }

        var embedder = new PrecomputedEmbedder(vectors, dims);
        Console.WriteLine("| layout | import s | open ms | recall p50 ms | recall p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var scopeCount in new[] { 1, scopes })
        {
            var options = new MemoryServiceOptions { Retrieval = retrieval, UpdateLastAccessedOnRecall = updateLastAccessed };
            Scenario(scopeCount, memories, queries, dims, data, embedder, options).GetAwaiter().GetResult();
        }

        Console.WriteLine($"# load after: {Machine.LoadAverage()}");
        return 0;
    }

    private static async Task Scenario(
        int scopeCount, int memories, int queries, int dims, float[] data, PrecomputedEmbedder embedder, MemoryServiceOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("cm-memory-bench-");
        try
        {
            var start = Stopwatch.GetTimestamp();
            using (var store = new FaissVectorStore(directory.FullName))
            {
                await using var service = new MemoryService(store, embedder, options);
                var now = DateTimeOffset.UtcNow;
                await service.ImportAsync(Enumerable.Range(0, memories).Select(i => new MemoryRecord
                {
                    Id = Guid.NewGuid(),
                    Text = $"memory {i}",
                    Kind = i % 2 == 0 ? MemoryKind.Fact : MemoryKind.Episode,
                    Importance = 0.5,
                    OccurredAt = now.AddMinutes(-i),
                    CreatedAt = now,
                    UpdatedAt = now,
                    LastAccessedAt = now,
                    Scope = ScopeOf(i % scopeCount),
                    Embedding = data.AsMemory(i * dims, dims),
                })).ConfigureAwait(false);
            }

            var import = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var opened = Stopwatch.GetTimestamp();
            using var reopened = new FaissVectorStore(directory.FullName);
            await using var recaller = new MemoryService(reopened, embedder, options);
            var recall = new RecallOptions { Limit = 5 };
            _ = await recaller.RecallAsync(ScopeOf(0), "query 0", recall).ConfigureAwait(false);
            var open = Latency.Milliseconds(opened);
            var latency = new Latency();
            for (var q = 1; q < queries; q++)
            {
                var t = Stopwatch.GetTimestamp();
                var result = await recaller.RecallAsync(ScopeOf(q % scopeCount), $"query {q}", recall).ConfigureAwait(false);
                latency.Add(Latency.Milliseconds(t));
                if (result.Hits.Count == 0)
                {
                    throw new InvalidOperationException("a recall returned nothing");
                }
            }

            var layout = scopeCount == 1 ? $"1 scope x {memories}" : $"{scopeCount} scopes x {memories / scopeCount}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {layout} | {import:0.0} | {open:0} | {latency.P50:0.00} | {latency.P95:0.00} | {latency.Max:0.00} |"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static MemoryScope ScopeOf(int i) => MemoryScope.ForUser($"user-{i}");
}
