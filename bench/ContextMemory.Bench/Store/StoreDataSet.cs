using ContextMemory.Bench.Support;
using ContextMemory.Faiss;

namespace ContextMemory.Bench.Store;

/// <summary>
/// One data set of the store benchmark: clustered unit vectors, their records (key i + 1, bucket i mod buckets), the
/// queries (fresh points from the same distribution), and the exact top-k of every query without and with its bucket
/// filter, computed by brute force once and shared by every index kind.
/// </summary>
public sealed class StoreDataSet
{
    private StoreDataSet(int count, int dimensions, int buckets, int k)
    {
        Count = count;
        Dimensions = dimensions;
        Buckets = buckets;
        K = k;
    }

    public int Count { get; }

    public int Dimensions { get; }

    public int Buckets { get; }

    public int K { get; }

    /// <summary>Row-major vectors; row i belongs to the record with key (and vid) i + 1.</summary>
    public float[] Vectors { get; private init; } = [];

    public StoreBenchRecord[] Records { get; private init; } = [];

    /// <summary>Row-major queries: the warm-up queries first, then the measured ones.</summary>
    public float[] Queries { get; private init; } = [];

    public int QueryCount { get; private init; }

    /// <summary>The keys of each bucket, ascending.</summary>
    public long[][] BucketKeys { get; private init; } = [];

    /// <summary>Exact top-k keys per query (k per row, -1 padded).</summary>
    public long[] Truth { get; private init; } = [];

    /// <summary>Exact top-k keys per query among the records of the query's bucket (<see cref="BucketOf"/>).</summary>
    public long[] FilteredTruth { get; private init; } = [];

    public string Label => $"{Count / 1000:N0}k x {Dimensions}";

    public static StoreDataSet Create(int count, int dimensions, int centres, int buckets, int queryCount, int k)
    {
        var vectors = ClusteredVectors.Normalised(count, dimensions, centres, centreSeed: 5, pointSeed: 6);
        var queries = ClusteredVectors.Normalised(queryCount, dimensions, centres, centreSeed: 5, pointSeed: 7);
        var records = new StoreBenchRecord[count];
        var bucketKeys = new List<long>[buckets];
        for (var b = 0; b < buckets; b++)
        {
            bucketKeys[b] = new List<long>((count / buckets) + 1);
        }

        for (var i = 0; i < count; i++)
        {
            var bucket = i % buckets;
            records[i] = new StoreBenchRecord
            {
                Id = i + 1,
                Bucket = bucket,
                Text = $"memory {i + 1}: a clustered point kept in bucket {bucket}",
                Embedding = new ReadOnlyMemory<float>(vectors, i * dimensions, dimensions),
            };
            bucketKeys[bucket].Add(i + 1);
        }

        long[][] keysByBucket = [.. bucketKeys.Select(b => b.ToArray())];
        (var truth, var filtered) = ExactTopK(vectors, queries, dimensions, queryCount, k, q => keysByBucket[q % buckets]);
        return new StoreDataSet(count, dimensions, buckets, k)
        {
            Vectors = vectors,
            Records = records,
            Queries = queries,
            QueryCount = queryCount,
            BucketKeys = keysByBucket,
            Truth = truth,
            FilteredTruth = filtered,
        };
    }

    public ReadOnlyMemory<float> Query(int q) => new(Queries, q * Dimensions, Dimensions);

    public int BucketOf(int q) => q % Buckets;

    private static (long[] Truth, long[] Filtered) ExactTopK(
        float[] vectors, float[] queries, int dimensions, int queryCount, int k, Func<int, long[]> allowed)
    {
        var count = vectors.Length / dimensions;
        using var exact = FaissIndex.Create(dimensions, IndexSpec.Flat(), FaissMetric.Cosine);
        exact.Add(vectors, Enumerable.Range(1, count).Select(i => (long)i).ToArray());
        var distances = new float[queryCount * k];
        var truth = new long[queryCount * k];
        exact.Search(queries, k, distances, truth);

        var filtered = new long[queryCount * k];
        filtered.AsSpan().Fill(-1);
        for (var q = 0; q < queryCount; q++)
        {
            var hits = exact.SearchSubset(queries.AsSpan(q * dimensions, dimensions), k, allowed(q));
            for (var i = 0; i < hits.Count; i++)
            {
                filtered[(q * k) + i] = hits.Ids[i];
            }
        }

        return (truth, filtered);
    }
}
