using System.Diagnostics;
using System.Linq.Expressions;
using ContextMemory.Bench.Support;
using ContextMemory.Faiss;
using ContextMemory.VectorStore;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Search;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.Bench.Store;

/// <summary>
/// Single queries through the store's public search and on a bare index holding the same vectors, interleaved: each
/// query runs on both, the order alternating per query, so machine load hits both alike. The bare side mirrors the
/// store's search strategy (efSearch per call for HNSW, raised for the fraction a filter allows; for a filter, an exact
/// scan of the allowed ids when they are few, else the index with an allow-list, falling back to the exact scan when it
/// comes back short) but gets the allowed ids for free, where the store reads them from SQLite.
/// </summary>
public sealed class SearchComparison : IDisposable
{
    private readonly VectorStoreCollection<long, StoreBenchRecord> _collection;
    private readonly FaissIndex _bare;
    private readonly StoreDataSet _data;
    private readonly int _warmup;
    private readonly int _exactThreshold;
    private readonly int? _efSearch;
    private readonly FaissIdSelector[] _bucketSelectors;

    public SearchComparison(VectorStoreCollection<long, StoreBenchRecord> collection, FaissIndex bare, StoreDataSet data, int warmup)
    {
        _collection = collection;
        _bare = bare;
        _data = data;
        _warmup = warmup;
        var defaults = FaissIndexOptions.Default;
        _exactThreshold = defaults.ExactSearchThreshold;
        _efSearch = bare.Spec.Kind == FaissIndexKind.Hnsw ? Math.Max(defaults.HnswEfSearch, data.K) : null;
        _bucketSelectors = [.. data.BucketKeys.Select(Bitmap)];
    }

    public async Task<SearchFigures> RunAsync(bool filtered)
    {
        var k = _data.K;
        var measured = _data.QueryCount - _warmup;
        var storeLatency = new Latency();
        var bareLatency = new Latency();
        var storeKeys = new long[measured * k];
        var bareKeys = new long[measured * k];
        storeKeys.AsSpan().Fill(-1);
        bareKeys.AsSpan().Fill(-1);
        for (var q = 0; q < _data.QueryCount; q++)
        {
            var bucket = _data.BucketOf(q);
            VectorSearchOptions<StoreBenchRecord>? options = filtered ? new() { Filter = BucketFilter(bucket) } : null;
            var row = q >= _warmup ? (q - _warmup) * k : -1;
            for (var step = 0; step < 2; step++)
            {
                if ((step == 0) == (q % 2 == 0))
                {
                    var start = Stopwatch.GetTimestamp();
                    var found = 0;
                    await foreach (var result in _collection.SearchAsync(_data.Query(q), k, options))
                    {
                        if (row >= 0)
                        {
                            storeKeys[row + found++] = result.Record.Id;
                        }
                    }

                    Record(storeLatency, q, start);
                }
                else
                {
                    var start = Stopwatch.GetTimestamp();
                    var hits = filtered ? BareFiltered(q, bucket) : BareSearch(q, null);
                    for (var i = 0; i < hits.Count && row >= 0; i++)
                    {
                        bareKeys[row + i] = hits.Ids[i];
                    }

                    Record(bareLatency, q, start);
                }
            }
        }

        var truth = filtered ? _data.FilteredTruth : _data.Truth;
        truth = truth[(_warmup * k)..];
        return new SearchFigures(storeLatency, bareLatency, Recall(storeKeys, truth, k), Recall(bareKeys, truth, k), Same(storeKeys, bareKeys, k));
    }

    public void Dispose()
    {
        foreach (var selector in _bucketSelectors)
        {
            selector.Dispose();
        }
    }

    private static Expression<Func<StoreBenchRecord, bool>> BucketFilter(int bucket) => r => r.Bucket == bucket;

    private void Record(Latency latency, int q, long start)
    {
        var ms = Latency.Milliseconds(start);
        if (q >= _warmup)
        {
            latency.Add(ms);
        }
    }

    private FaissSearchResult BareSearch(int q, FaissIdSelector? selector) =>
        _bare.Search(_data.Query(q).Span, _data.K, new FaissSearchOptions { EfSearch = _efSearch, Selector = selector });

    private FaissSearchResult BareFiltered(int q, int bucket)
    {
        var allowed = _data.BucketKeys[bucket];
        var efSearch = _efSearch;
        var exact = allowed.Length <= _exactThreshold;
        if (!exact && efSearch is int ef)
        {
            // The store's rule for HNSW (NearestNeighbours, IndexPlan): below a quarter of the vectors allowed, efSearch
            // grows in inverse proportion; scan exactly when at most ExactScanPerEf allowed per unit of it.
            var fraction = (double)allowed.Length / _bare.Count;
            efSearch = fraction >= IndexPlan.FullEfFraction ? ef : (int)Math.Ceiling(ef * IndexPlan.FullEfFraction / fraction);
            exact = allowed.Length <= (long)NearestNeighbours.ExactScanPerEf * efSearch.Value;
        }

        if (!exact)
        {
            var hits = _bare.Search(
                _data.Query(q).Span, _data.K, new FaissSearchOptions { EfSearch = efSearch, Selector = _bucketSelectors[bucket] });
            if (hits.Count >= Math.Min(_data.K, allowed.Length))
            {
                return hits;
            }
        }

        return _bare.SearchSubset(_data.Query(q).Span, _data.K, allowed);
    }

    private static FaissIdSelector Bitmap(long[] ids)
    {
        var max = ids.Length == 0 ? 0 : ids.Max();
        var bits = new byte[(max >> 3) + 1];
        foreach (var id in ids)
        {
            bits[id >> 3] |= (byte)(1 << (int)(id & 7));
        }

        return FaissIdSelector.FromBitmap(bits, max + 1);
    }

    private static double Recall(long[] found, long[] truth, int k)
    {
        var hits = 0;
        var expected = 0;
        for (var row = 0; row < found.Length / k; row++)
        {
            var wanted = truth.AsSpan(row * k, k).ToArray().Where(id => id >= 0).ToHashSet();
            expected += wanted.Count;
            foreach (var id in found.AsSpan(row * k, k))
            {
                hits += wanted.Contains(id) ? 1 : 0;
            }
        }

        return expected == 0 ? 1.0 : (double)hits / expected;
    }

    private static double Same(long[] a, long[] b, int k)
    {
        var rows = a.Length / k;
        var same = 0;
        for (var row = 0; row < rows; row++)
        {
            same += a.AsSpan(row * k, k).SequenceEqual(b.AsSpan(row * k, k)) ? 1 : 0;
        }

        return (double)same / rows;
    }
}
