using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <content>Training, adding, removing and the search defaults: the exclusive side of the lock.</content>
public sealed partial class FaissIndex
{
    /// <summary>
    /// Default HNSW candidate list size for searches that do not set <see cref="FaissSearchOptions.EfSearch"/>.
    /// 0 for other kinds and for <see cref="FaissIndexKind.Custom"/> specs (whose value is not tracked).
    /// </summary>
    /// <exception cref="NotSupportedException">Set on an index that has no HNSW graph.</exception>
    public int EfSearch
    {
        get => _spec.EfSearch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ThrowIfNotKind(FaissIndexKind.Hnsw, nameof(EfSearch));
            using var scope = EnterWrite();
            NativeGate.Check(NativeMethods.IndexSetEfSearch(_handle, value));
            _spec = _spec.WithSearchDefaults(0, value, 0);
        }
    }

    /// <summary>
    /// Default number of IVF lists probed by searches that do not set <see cref="FaissSearchOptions.NProbe"/>.
    /// 0 for other kinds and for <see cref="FaissIndexKind.Custom"/> specs (whose value is not tracked).
    /// </summary>
    /// <exception cref="NotSupportedException">Set on an index that has no inverted file.</exception>
    public int NProbe
    {
        get => _spec.NProbe;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ThrowIfNotKind(FaissIndexKind.IvfFlat, nameof(NProbe));
            using var scope = EnterWrite();
            NativeGate.Check(NativeMethods.IndexSetNProbe(_handle, value));
            _spec = _spec.WithSearchDefaults(0, 0, value);
        }
    }

    /// <summary>
    /// Trains the index (IVF centroids, quantizer ranges or codebooks) on representative vectors. A no-op for
    /// kinds that need no training.
    /// </summary>
    /// <param name="vectors">Row-major vectors, a whole number of <see cref="Dimension"/>-float rows, all finite.
    /// IVF needs at least nlist rows (ideally 39-256 per list); PQ at least 2^bits.</param>
    /// <exception cref="ArgumentException">The buffer is empty, not whole rows, holds NaN/infinity, or too few rows.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe void Train(ReadOnlySpan<float> vectors)
    {
        ThrowIfDisposed();
        var n = VectorChecks.CountVectors(vectors, Dimension, nameof(vectors));
        if (n == 0)
        {
            throw new ArgumentException(FaissErrors.NoVectors, nameof(vectors));
        }

        var spec = _spec;
        if (n < spec.MinimumTrainingVectors)
        {
            throw new ArgumentException(FaissErrors.TooFewTrainingVectors(n, spec.MinimumTrainingVectors, spec.FactoryDescription), nameof(vectors));
        }

        using var scope = EnterWrite();
        fixed (float* x = vectors)
        {
            NativeGate.Check(NativeMethods.IndexTrain(_handle, n, x));
        }
    }

    /// <summary>Trains the index; see <see cref="Train(ReadOnlySpan{float})"/>.</summary>
    /// <param name="vectors">Row-major training vectors.</param>
    public void Train(ReadOnlyMemory<float> vectors) => Train(vectors.Span);

    /// <summary>
    /// Adds vectors under the given ids. Ids are the caller's: searches return them as labels. Ids should be
    /// unique; adding an id that is already present stores a second vector under it.
    /// </summary>
    /// <param name="vectors">Row-major vectors, a whole number of <see cref="Dimension"/>-float rows, all finite.</param>
    /// <param name="ids">One id per vector; any value except -1.</param>
    /// <exception cref="ArgumentException">Rows not whole, NaN/infinity, id count mismatch, or an id of -1.</exception>
    /// <exception cref="InvalidOperationException">The index needs training first.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        ThrowIfDisposed();
        var n = VectorChecks.CountVectors(vectors, Dimension, nameof(vectors));
        if (ids.Length != n)
        {
            throw new ArgumentException(FaissErrors.IdCountMismatch(ids.Length, n), nameof(ids));
        }

        VectorChecks.ThrowIfReservedId(ids, nameof(ids));
        using var scope = EnterWrite();
        if (!IsTrainedCore())
        {
            throw new InvalidOperationException(FaissErrors.NotTrained(Description));
        }

        if (n == 0)
        {
            return;
        }

        fixed (float* x = vectors)
        fixed (long* xids = ids)
        {
            NativeGate.Check(NativeMethods.IndexAddWithIds(_handle, n, x, xids));
        }
    }

    /// <summary>Adds vectors under the given ids; see <see cref="Add(ReadOnlySpan{float}, ReadOnlySpan{long})"/>.</summary>
    /// <param name="vectors">Row-major vectors.</param>
    /// <param name="ids">One id per vector.</param>
    public void Add(ReadOnlyMemory<float> vectors, ReadOnlyMemory<long> ids) => Add(vectors.Span, ids.Span);

    /// <summary>Removes every vector stored under the given ids. Ids that are not present are ignored.</summary>
    /// <param name="ids">The ids to remove.</param>
    /// <returns>How many vectors were removed.</returns>
    /// <exception cref="NotSupportedException">The index kind cannot remove (HNSW); nothing is changed.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public unsafe long Remove(ReadOnlySpan<long> ids)
    {
        ThrowIfDisposed();
        if (!SupportsRemove)
        {
            throw new NotSupportedException(FaissErrors.RemoveNotSupported(Description));
        }

        using var scope = EnterWrite();
        if (ids.IsEmpty)
        {
            return 0;
        }

        fixed (long* p = ids)
        {
            NativeGate.Check(NativeMethods.IndexRemoveIds(_handle, ids.Length, p, out var removed));
            return removed;
        }
    }

    /// <summary>Removes every vector. Training (IVF centroids, quantizers) is kept.</summary>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Reset()
    {
        using var scope = EnterWrite();
        NativeGate.Check(NativeMethods.IndexReset(_handle));
    }

    private void ThrowIfNotKind(FaissIndexKind kind, string parameter)
    {
        ThrowIfDisposed();

        // Custom descriptions (say "HNSW32,SQ8") may still have the parameter: the bridge decides for them.
        if (_spec.Kind != kind && _spec.Kind != FaissIndexKind.Custom)
        {
            throw new NotSupportedException(FaissErrors.ParameterNotApplicable(parameter, Description));
        }
    }
}
