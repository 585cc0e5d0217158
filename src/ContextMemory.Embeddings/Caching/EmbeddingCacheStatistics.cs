using System.Diagnostics.Metrics;

namespace ContextMemory.Embeddings.Caching;

/// <summary>
/// Counters of one persistent embedding cache since it was opened, readable as numbers (and published on the meter
/// <see cref="MeterName"/>). Thread-safe.
/// </summary>
public sealed class EmbeddingCacheStatistics
{
    /// <summary>The name of the <see cref="Meter"/> the cache counters are published on.</summary>
    public const string MeterName = "ContextMemory.Embeddings";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> HitCounter = Meter.CreateCounter<long>("contextmemory.embeddings.cache.hits", "{text}", "Texts whose embedding came from the persistent cache.");
    private static readonly Counter<long> MissCounter = Meter.CreateCounter<long>("contextmemory.embeddings.cache.misses", "{text}", "Texts sent to the embedder because the cache did not have them.");
    private static readonly Counter<long> RebuildCounter = Meter.CreateCounter<long>("contextmemory.embeddings.cache.rebuilds", "{file}", "Damaged cache files moved aside and recreated.");

    private long _hits;
    private long _misses;
    private long _invalid;
    private long _rebuilds;
    private long _errors;

    internal EmbeddingCacheStatistics()
    {
    }

    /// <summary>Texts answered from the cache (a text repeated within one call counts once per occurrence).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Distinct texts that had to be embedded.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Stored entries that failed their length or checksum check (embedded again and replaced).</summary>
    public long InvalidEntries => Interlocked.Read(ref _invalid);

    /// <summary>Times the cache file was found damaged, moved aside and recreated.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>Storage failures that were not damage (a full or read-only disk, a lock timeout); the texts were embedded uncached.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    internal void CountHits(long count)
    {
        Interlocked.Add(ref _hits, count);
        HitCounter.Add(count);
    }

    internal void CountMisses(long count)
    {
        Interlocked.Add(ref _misses, count);
        MissCounter.Add(count);
    }

    internal void CountInvalid() => Interlocked.Increment(ref _invalid);

    internal void CountRebuild()
    {
        Interlocked.Increment(ref _rebuilds);
        RebuildCounter.Add(1);
    }

    internal void CountError() => Interlocked.Increment(ref _errors);
}
