using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <content>k-nearest, subset, range search and reconstruction: the shared side of the lock.</content>
public sealed partial class FaissIndex
{
    /// <summary>
    /// Searches the <paramref name="k"/> nearest vectors of each query. Row <c>i</c> of the outputs
    /// (<c>[i * k, (i + 1) * k)</c>) holds query <c>i</c>'s hits best first; unused slots have label -1.
    /// </summary>
    /// <param name="queries">Row-major queries, a whole number of <see cref="Dimension"/>-float rows, all finite.</param>
    /// <param name="k">Hits per query, at least 1.</param>
    /// <param name="distances">Receives queries x k distances (meaning per <see cref="Metric"/>).</param>
    /// <param name="labels">Receives queries x k caller ids, -1 for an empty slot.</param>
    /// <param name="options">Selector and per-call efSearch / nprobe; null for the index defaults.</param>
    /// <exception cref="ArgumentException">Bad shapes, NaN/infinity, outputs too small, or an invalid option.</exception>
    /// <exception cref="NotSupportedException">A selector on a kind that cannot filter (PQ).</exception>
    /// <exception cref="ObjectDisposedException">The index or the selector is disposed.</exception>
    public unsafe void Search(ReadOnlySpan<float> queries, int k, Span<float> distances, Span<long> labels, FaissSearchOptions? options = null)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var n = VectorChecks.CountVectors(queries, Dimension, nameof(queries));
        var required = n * k;
        if (distances.Length < required)
        {
            throw new ArgumentException(FaissErrors.OutputTooSmall(distances.Length, required), nameof(distances));
        }

        if (labels.Length < required)
        {
            throw new ArgumentException(FaissErrors.OutputTooSmall(labels.Length, required), nameof(labels));
        }

        (var selector, var efSearch, var nprobe) = ResolveOptions(options);
        using var scope = EnterRead();
        if (n == 0)
        {
            return;
        }

        fixed (float* x = queries)
        fixed (float* d = distances)
        fixed (long* l = labels)
        {
            NativeGate.Check(NativeMethods.IndexSearch(_handle, n, x, k, selector, efSearch, nprobe, d, l));
        }
    }

    /// <summary>Batch search over memory the caller keeps; see <see cref="Search(ReadOnlySpan{float}, int, Span{float}, Span{long}, FaissSearchOptions?)"/>.</summary>
    /// <param name="queries">Row-major queries.</param>
    /// <param name="k">Hits per query.</param>
    /// <param name="distances">Receives queries x k distances.</param>
    /// <param name="labels">Receives queries x k ids.</param>
    /// <param name="options">Per-call options.</param>
    public void Search(ReadOnlyMemory<float> queries, int k, Memory<float> distances, Memory<long> labels, FaissSearchOptions? options = null) =>
        Search(queries.Span, k, distances.Span, labels.Span, options);

    /// <summary>Searches the <paramref name="k"/> nearest vectors of one query.</summary>
    /// <param name="query">Exactly <see cref="Dimension"/> finite floats.</param>
    /// <param name="k">Hits wanted, at least 1 (fewer come back when the index holds fewer matching vectors).</param>
    /// <param name="options">Selector and per-call efSearch / nprobe; null for the index defaults.</param>
    /// <returns>The hits, best first, without empty slots.</returns>
    /// <exception cref="ArgumentException">Wrong length, NaN/infinity, or an invalid option.</exception>
    /// <exception cref="NotSupportedException">A selector on a kind that cannot filter (PQ).</exception>
    /// <exception cref="ObjectDisposedException">The index or the selector is disposed.</exception>
    public unsafe FaissSearchResult Search(ReadOnlySpan<float> query, int k, FaissSearchOptions? options = null)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ThrowIfNotOneQuery(query);
        (var selector, var efSearch, var nprobe) = ResolveOptions(options);
        using var scope = EnterRead();

        // Count cannot change while the read lock is held, so k can be clamped to it: no caller can make
        // this allocate more slots than there are vectors.
        NativeGate.Check(NativeMethods.IndexCount(_handle, out var count));
        if (count == 0)
        {
            return FaissSearchResult.Empty;
        }

        var slots = (int)Math.Min(k, count);
        var distances = slots <= 256 ? stackalloc float[slots] : new float[slots];
        var labels = slots <= 256 ? stackalloc long[slots] : new long[slots];
        fixed (float* x = query)
        fixed (float* d = distances)
        fixed (long* l = labels)
        {
            NativeGate.Check(NativeMethods.IndexSearch(_handle, 1, x, slots, selector, efSearch, nprobe, d, l));
        }

        return FaissSearchResult.FromSlots(labels, distances);
    }

    /// <summary>
    /// Exact search of one query among the given ids only, using the vectors stored in the index (so
    /// approximate for quantized kinds). The right tool when a filter leaves few candidates. Ids that are
    /// not in the index are skipped.
    /// </summary>
    /// <param name="query">Exactly <see cref="Dimension"/> finite floats.</param>
    /// <param name="k">Hits wanted, at least 1.</param>
    /// <param name="ids">The candidate ids.</param>
    /// <returns>The best hits among <paramref name="ids"/>, best first.</returns>
    /// <exception cref="ArgumentException">Wrong query length or NaN/infinity.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public FaissSearchResult SearchSubset(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> ids)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var slots = Math.Max(1, Math.Min(k, ids.Length));
        var distances = new float[slots];
        var labels = new long[slots];
        var found = SearchSubset(query, slots, ids, distances, labels);
        return FaissSearchResult.FromSlots(labels.AsSpan(0, found), distances.AsSpan(0, found));
    }

    /// <summary>
    /// Exact search among the given ids, into caller buffers; see <see cref="SearchSubset(ReadOnlySpan{float}, int, ReadOnlySpan{long})"/>.
    /// </summary>
    /// <param name="query">Exactly <see cref="Dimension"/> finite floats.</param>
    /// <param name="k">Hits wanted, at least 1.</param>
    /// <param name="ids">The candidate ids.</param>
    /// <param name="distances">At least <paramref name="k"/> slots.</param>
    /// <param name="labels">At least <paramref name="k"/> slots; unfilled slots get -1.</param>
    /// <returns>How many slots were filled (best first).</returns>
    public unsafe int SearchSubset(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> ids, Span<float> distances, Span<long> labels)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ThrowIfNotOneQuery(query);
        if (distances.Length < k)
        {
            throw new ArgumentException(FaissErrors.OutputTooSmall(distances.Length, k), nameof(distances));
        }

        if (labels.Length < k)
        {
            throw new ArgumentException(FaissErrors.OutputTooSmall(labels.Length, k), nameof(labels));
        }

        using var scope = EnterRead();
        if (ids.IsEmpty)
        {
            labels[..k].Fill(-1);
            return 0;
        }

        fixed (float* x = query)
        fixed (long* candidates = ids)
        fixed (float* d = distances)
        fixed (long* l = labels)
        {
            NativeGate.Check(NativeMethods.IndexSearchSubset(_handle, x, k, ids.Length, candidates, d, l, out var found));
            return (int)found;
        }
    }

    /// <summary>
    /// Finds, for each query, every vector within <paramref name="radius"/>: inner product / cosine similarity
    /// at least the radius, or squared L2 distance below it.
    /// </summary>
    /// <param name="queries">Row-major queries, a whole number of <see cref="Dimension"/>-float rows, all finite.</param>
    /// <param name="radius">The threshold, in the units of <see cref="Metric"/>; finite.</param>
    /// <param name="selector">Optional restriction to the ids it accepts.</param>
    /// <returns>The hits of every query (unordered within a query).</returns>
    /// <exception cref="NotSupportedException">The index kind has no range search, or cannot take the selector.</exception>
    /// <exception cref="ObjectDisposedException">The index or the selector is disposed.</exception>
    public unsafe FaissRangeSearchResult RangeSearch(ReadOnlySpan<float> queries, float radius, FaissIdSelector? selector = null)
    {
        ThrowIfDisposed();
        if (!float.IsFinite(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, null);
        }

        var n = VectorChecks.CountVectors(queries, Dimension, nameof(queries));
        var selectorHandle = ResolveSelector(selector);
        using var scope = EnterRead();
        if (n == 0)
        {
            return new FaissRangeSearchResult([0], [], []);
        }

        FaissRangeResultHandle result;
        fixed (float* x = queries)
        {
            var status = NativeMethods.IndexRangeSearch(_handle, n, x, radius, selectorHandle, out result);
            using (result)
            {
                NativeGate.Check(status);
                return CopyRangeResult(result);
            }
        }
    }

    /// <summary>Copies the vector stored under <paramref name="id"/> (decoded, so approximate for quantized kinds).</summary>
    /// <param name="id">A stored id.</param>
    /// <param name="destination">At least <see cref="Dimension"/> floats. For cosine indexes this is the normalised vector.</param>
    /// <exception cref="FaissException">The id is not in the index (<see cref="FaissErrorCode.NotFound"/>).</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe void Reconstruct(long id, Span<float> destination)
    {
        ThrowIfDisposed();
        if (destination.Length < Dimension)
        {
            throw new ArgumentException(FaissErrors.DestinationTooSmall(destination.Length, Dimension), nameof(destination));
        }

        VectorChecks.ThrowIfReservedId([id], nameof(id));
        using var scope = EnterRead();
        fixed (float* d = destination)
        {
            NativeGate.Check(NativeMethods.IndexReconstruct(_handle, id, d));
        }
    }

    /// <summary>Copies the vectors stored under several ids, row by row.</summary>
    /// <param name="ids">Stored ids.</param>
    /// <param name="destination">At least ids x <see cref="Dimension"/> floats.</param>
    /// <exception cref="FaissException">An id is not in the index.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe void Reconstruct(ReadOnlySpan<long> ids, Span<float> destination)
    {
        ThrowIfDisposed();
        var required = (long)ids.Length * Dimension;
        if (destination.Length < required)
        {
            throw new ArgumentException(FaissErrors.DestinationTooSmall(destination.Length, required), nameof(destination));
        }

        VectorChecks.ThrowIfReservedId(ids, nameof(ids));
        using var scope = EnterRead();
        if (ids.IsEmpty)
        {
            return;
        }

        fixed (long* p = ids)
        fixed (float* d = destination)
        {
            NativeGate.Check(NativeMethods.IndexReconstructBatch(_handle, ids.Length, p, d));
        }
    }

    private static unsafe FaissRangeSearchResult CopyRangeResult(FaissRangeResultHandle result)
    {
        NativeGate.Check(NativeMethods.RangeResultTotal(result, out var queryCount, out var total));
        if (total > Array.MaxLength)
        {
            throw new FaissException(FaissErrors.BufferTooLarge(total), FaissErrorCode.OutOfMemory);
        }

        var limits = new long[queryCount + 1];
        var labels = new long[total];
        var distances = new float[total];
        fixed (long* lims = limits)
        fixed (long* l = labels)
        fixed (float* d = distances)
        {
            NativeGate.Check(NativeMethods.RangeResultCopy(result, lims, l, d));
        }

        return new FaissRangeSearchResult(limits, labels, distances);
    }

    private void ThrowIfNotOneQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException(FaissErrors.QueryDimension(query.Length, Dimension), nameof(query));
        }

        VectorChecks.ThrowIfNotFinite(query, Dimension, nameof(query));
    }

    private (FaissSelectorHandle Selector, int EfSearch, int NProbe) ResolveOptions(FaissSearchOptions? options)
    {
        if (options is null)
        {
            return (FaissSelectorHandle.Null, 0, 0);
        }

        if (options.EfSearch is int ef)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ef, "options.EfSearch");
        }

        if (options.NProbe is int probes)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(probes, "options.NProbe");
        }

        return (ResolveSelector(options.Selector), options.EfSearch ?? 0, options.NProbe ?? 0);
    }

    private FaissSelectorHandle ResolveSelector(FaissIdSelector? selector)
    {
        if (selector is null)
        {
            return FaissSelectorHandle.Null;
        }

        if (!_spec.SupportsSelector)
        {
            throw new NotSupportedException(FaissErrors.SelectorNotSupported(Description));
        }

        return selector.Handle;
    }
}
