using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ContextMemory.Diagnostics;

/// <summary>The memory layer's meter and activity source, both named <see cref="Name"/>.</summary>
internal static class MemoryTelemetry
{
    public const string Name = "ContextMemory.Memory";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter MeterOfLayer = new(Name);

    /// <summary>Duration of each service operation, tagged with <c>operation</c>.</summary>
    public static readonly Histogram<double> Duration =
        MeterOfLayer.CreateHistogram<double>("contextmemory.memory.operation.duration", "ms", "Duration of memory operations.");

    /// <summary>Candidates a recall scored (vector and keyword, after de-duplication).</summary>
    public static readonly Histogram<int> RecallCandidates =
        MeterOfLayer.CreateHistogram<int>("contextmemory.memory.recall.candidates", "{memory}", "Candidates scored per recall.");

    /// <summary>Query embeddings served by the in-process cache.</summary>
    public static readonly Counter<long> QueryCacheHits =
        MeterOfLayer.CreateCounter<long>("contextmemory.memory.query_cache.hits", "{query}", "Query embeddings served from the cache.");

    /// <summary>Query embeddings computed.</summary>
    public static readonly Counter<long> QueryCacheMisses =
        MeterOfLayer.CreateCounter<long>("contextmemory.memory.query_cache.misses", "{query}", "Query embeddings computed.");

    /// <summary>Memories written, tagged with <c>outcome</c> (added, merged, updated, deleted).</summary>
    public static readonly Counter<long> Writes =
        MeterOfLayer.CreateCounter<long>("contextmemory.memory.writes", "{memory}", "Memories added, merged, updated or deleted.");

    /// <summary>Times one operation: an activity while it runs, its duration when disposed.</summary>
    public static Operation Start(string operation) => new(operation, Source.StartActivity("memory." + operation), Stopwatch.GetTimestamp());

    /// <summary>A running operation.</summary>
    internal readonly struct Operation(string name, Activity? activity, long started) : IDisposable
    {
        public Activity? Activity => activity;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

        public void Dispose()
        {
            Duration.Record(Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", name));
            activity?.Dispose();
        }
    }
}
