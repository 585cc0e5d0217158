using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <summary>
/// The read side of a <see cref="FaissIndex"/>: k-nearest, subset and range search and reconstruction. Every
/// call validates its arguments first, then runs under the shared side of the index's lock.
/// </summary>
internal sealed class IndexSearcher(NativeIndex index)
{
    public unsafe void Search(ReadOnlySpan<float> queries, int k, Span<float> distances, Span<long> labels, FaissSearchOptions? options)
    {
        index.ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var n = VectorChecks.CountVectors(queries, index.Dimension, nameof(queries));
        var required = n * k;
        ThrowIfTooSmall(distances.Length, required, nameof(distances));
        ThrowIfTooSmall(labels.Length, required, nameof(labels));
        (var selector, var efSearch, var nprobe) = ResolveOptions(options);
        using var scope = index.EnterRead();
        if (n == 0)
        {
            return;
        }

        fixed (float* x = queries)
        fixed (float* d = distances)
        fixed (long* l = labels)
        {
            index.Bridge.IndexSearch(index.Handle, n, x, k, selector, efSearch, nprobe, d, l);
        }
    }

    public unsafe FaissSearchResult Search(ReadOnlySpan<float> query, int k, FaissSearchOptions? options)
    {
        index.ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ThrowIfNotOneQuery(query);
        (var selector, var efSearch, var nprobe) = ResolveOptions(options);
        using var scope = index.EnterRead();

        // Count cannot change while the read lock is held, so k can be clamped to it: no caller can make
        // this allocate more slots than there are vectors.
        var count = index.Bridge.IndexCount(index.Handle);
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
            index.Bridge.IndexSearch(index.Handle, 1, x, slots, selector, efSearch, nprobe, d, l);
        }

        return FaissSearchResult.FromSlots(labels, distances);
    }

    public FaissSearchResult SearchSubset(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> ids)
    {
        index.ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var slots = Math.Max(1, Math.Min(k, ids.Length));
        var distances = new float[slots];
        var labels = new long[slots];
        var found = SearchSubset(query, slots, ids, distances, labels);
        return FaissSearchResult.FromSlots(labels.AsSpan(0, found), distances.AsSpan(0, found));
    }

    public unsafe int SearchSubset(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> ids, Span<float> distances, Span<long> labels)
    {
        index.ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ThrowIfNotOneQuery(query);
        ThrowIfTooSmall(distances.Length, k, nameof(distances));
        ThrowIfTooSmall(labels.Length, k, nameof(labels));
        using var scope = index.EnterRead();
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
            return (int)index.Bridge.IndexSearchSubset(index.Handle, x, k, ids.Length, candidates, d, l);
        }
    }

    public unsafe FaissRangeSearchResult RangeSearch(ReadOnlySpan<float> queries, float radius, FaissIdSelector? selector)
    {
        index.ThrowIfDisposed();
        if (!float.IsFinite(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, null);
        }

        var n = VectorChecks.CountVectors(queries, index.Dimension, nameof(queries));
        var selectorHandle = ResolveSelector(selector);
        using var scope = index.EnterRead();
        if (n == 0)
        {
            return new FaissRangeSearchResult([0], [], []);
        }

        fixed (float* x = queries)
        {
            using var result = index.Bridge.IndexRangeSearch(index.Handle, n, x, radius, selectorHandle);
            return CopyRangeResult(result);
        }
    }

    public unsafe void Reconstruct(long id, Span<float> destination)
    {
        index.ThrowIfDisposed();
        if (destination.Length < index.Dimension)
        {
            throw new ArgumentException(FaissErrors.DestinationTooSmall(destination.Length, index.Dimension), nameof(destination));
        }

        VectorChecks.ThrowIfReservedId([id], nameof(id));
        using var scope = index.EnterRead();
        fixed (float* d = destination)
        {
            index.Bridge.IndexReconstruct(index.Handle, id, d);
        }
    }

    public unsafe void Reconstruct(ReadOnlySpan<long> ids, Span<float> destination)
    {
        index.ThrowIfDisposed();
        var required = (long)ids.Length * index.Dimension;
        if (destination.Length < required)
        {
            throw new ArgumentException(FaissErrors.DestinationTooSmall(destination.Length, required), nameof(destination));
        }

        VectorChecks.ThrowIfReservedId(ids, nameof(ids));
        using var scope = index.EnterRead();
        if (ids.IsEmpty)
        {
            return;
        }

        fixed (long* p = ids)
        fixed (float* d = destination)
        {
            index.Bridge.IndexReconstructBatch(index.Handle, ids.Length, p, d);
        }
    }

    private static void ThrowIfTooSmall(int length, long required, string paramName)
    {
        if (length < required)
        {
            throw new ArgumentException(FaissErrors.OutputTooSmall(length, required), paramName);
        }
    }

    private unsafe FaissRangeSearchResult CopyRangeResult(FaissRangeResultHandle result)
    {
        (var queryCount, var total) = index.Bridge.RangeResultTotal(result);
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
            index.Bridge.RangeResultCopy(result, lims, l, d);
        }

        return new FaissRangeSearchResult(limits, labels, distances);
    }

    private void ThrowIfNotOneQuery(ReadOnlySpan<float> query)
    {
        if (query.Length != index.Dimension)
        {
            throw new ArgumentException(FaissErrors.QueryDimension(query.Length, index.Dimension), nameof(query));
        }

        VectorChecks.ThrowIfNotFinite(query, index.Dimension, nameof(query));
    }

    private (FaissSelectorHandle? Selector, int EfSearch, int NProbe) ResolveOptions(FaissSearchOptions? options)
    {
        if (options is null)
        {
            return (null, 0, 0);
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

    private FaissSelectorHandle? ResolveSelector(FaissIdSelector? selector)
    {
        if (selector is null)
        {
            return null;
        }

        if (!index.Spec.SupportsSelector)
        {
            throw new NotSupportedException(FaissErrors.SelectorNotSupported(index.Spec.FactoryDescription));
        }

        var handle = selector.Handle;
        if (handle.Bridge != index.Bridge)
        {
            throw new ArgumentException(FaissErrors.SelectorFromAnotherBridge(handle.Bridge.Path, index.Bridge.Path), nameof(selector));
        }

        return handle;
    }
}
