using System.Buffers;
using System.Runtime.InteropServices;
using ContextMemory.Faiss;
using ContextMemory.VectorStore.Indexing;

namespace ContextMemory.VectorStore.Search;

/// <summary>
/// Finds the nearest vids for a query, honouring a pre-filter: few allowed vids are scanned exactly; many are passed
/// to the index as an allow-list (HNSW with an efSearch raised for the fraction allowed, or an exact scan when that
/// would cost more), and when the ANN search comes back short the allowed vids are scanned exactly, so a filtered
/// search never returns fewer results than there are matches.
/// </summary>
internal static class NearestNeighbours
{
    private const int WiderFactor = 4;

    /// <summary>
    /// An exact scan of this many allowed vectors costs about as much as one unit of HNSW efSearch (measured at 100k x
    /// 384: about 0.25 us per scanned vector, about 3 us per unit of efSearch), so a filtered HNSW search scans the
    /// allowed vectors instead when there are at most this many per unit of the efSearch it would need.
    /// </summary>
    public const int ExactScanPerEf = 12;

    /// <summary>A filter matching at least this fraction of the live vectors is checked after an unfiltered search.</summary>
    public const double PostFilterMinFraction = 0.25;

    /// <summary>An unfiltered search for a post-filter asks for at most this many candidates.</summary>
    public const int MaxPostFilterCandidates = 1024;

    /// <summary>
    /// How many candidates an unfiltered search should bring back so that, for a filter matching
    /// <paramref name="matched"/> of <paramref name="live"/> vectors, about twice <paramref name="k"/> of them pass it;
    /// null when the filter is too selective for that (its matching vids are read and searched among instead).
    /// </summary>
    /// <remarks>
    /// Reading the vids a filter matches costs a row lookup per match: for a filter matching most of a large collection
    /// (one agent's scope holding all of its memories) that is tens of milliseconds on every search after a write, where
    /// the search itself and checking a few dozen candidates against the filter cost well under one.
    /// </remarks>
    public static int? PostFilterCandidates(int matched, long live, int k)
    {
        if (live <= 0 || matched < PostFilterMinFraction * live)
        {
            return null;
        }

        var candidates = Math.Ceiling(2.0 * k * live / matched) + 16;
        return candidates <= MaxPostFilterCandidates ? (int)Math.Min(candidates, live) : null;
    }

    /// <summary>The nearest live vids, best first; may hold more than <paramref name="k"/> hits (read the first k).</summary>
    /// <remarks>
    /// <paramref name="k"/> is clamped to the vectors that can match (the live vectors, or the allowed ones), so a huge k
    /// (a request for everything) sizes no buffer beyond the collection.
    /// </remarks>
    public static FaissSearchResult Find(VectorIndex index, ReadOnlySpan<float> query, int k, List<long>? allowed, int exactThreshold)
    {
        k = (int)Math.Clamp(Math.Min(k, allowed?.Count ?? index.LiveCount), 1, int.MaxValue / WiderFactor);
        if (allowed is null)
        {
            // An ANN index holding many deleted (tombstoned) vectors can come back short; one wider search makes up for it
            // until the background rebuild drops the tombstones. Callers read at most k hits.
            var hits = index.Search(query, k, allowed: null);
            return hits.Count >= Math.Min(k, index.LiveCount) ? hits : index.Search(query, k * WiderFactor, allowed: null);
        }

        if (allowed.Count == 0)
        {
            return FaissSearchResult.Empty;
        }

        var vids = CollectionsMarshal.AsSpan(allowed);
        var spec = index.Spec;
        if (allowed.Count <= exactThreshold || !spec.SupportsSelector)
        {
            return index.SearchExact(query, k, vids);
        }

        int? efSearch = null;
        if (spec.Kind == FaissIndexKind.Hnsw)
        {
            efSearch = index.Plan.EfSearchFor(k, (double)allowed.Count / Math.Max(1, index.LiveCount));
            if (index.Plan.Options.AdaptFilteredSearch && allowed.Count <= (long)ExactScanPerEf * efSearch.Value)
            {
                return index.SearchExact(query, k, vids);
            }
        }

        using (var selector = Bitmap(vids))
        {
            var hits = index.Search(query, k, selector, efSearch);
            if (hits.Count >= Math.Min(k, allowed.Count))
            {
                return hits;
            }
        }

        return index.SearchExact(query, k, vids);
    }

    /// <summary>An allow-list selector for <paramref name="vids"/>: one bit per vid up to the largest.</summary>
    /// <remarks>
    /// The bridge copies the bitmap, so the buffer is pooled: at 1M vectors it is 125 KB, which would otherwise be a
    /// large-object allocation on every filtered search.
    /// </remarks>
    private static FaissIdSelector Bitmap(ReadOnlySpan<long> vids)
    {
        var max = 0L;
        foreach (var vid in vids)
        {
            max = Math.Max(max, vid);
        }

        var length = checked((int)((max >> 3) + 1));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bits = buffer.AsSpan(0, length);
            bits.Clear();
            foreach (var vid in vids)
            {
                bits[(int)(vid >> 3)] |= (byte)(1 << (int)(vid & 7));
            }

            return FaissIdSelector.FromBitmap(bits, max + 1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
