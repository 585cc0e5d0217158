namespace ContextMemory.Faiss;

/// <summary>
/// The write side of a <see cref="FaissIndex"/>: training, adding, removing, resetting and the search defaults.
/// Every call validates its arguments first, then runs under the exclusive side of the index's lock.
/// </summary>
internal sealed class IndexUpdater(NativeIndex index)
{
    public void SetEfSearch(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        ThrowIfNotKind(FaissIndexKind.Hnsw, nameof(FaissIndex.EfSearch));
        using var scope = index.EnterWrite();
        index.Bridge.IndexSetEfSearch(index.Handle, value);
        index.Spec = index.Spec.WithSearchDefaults(0, value, 0);
    }

    public void SetNProbe(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        ThrowIfNotKind(FaissIndexKind.IvfFlat, nameof(FaissIndex.NProbe));
        using var scope = index.EnterWrite();
        index.Bridge.IndexSetNProbe(index.Handle, value);
        index.Spec = index.Spec.WithSearchDefaults(0, 0, value);
    }

    public unsafe void Train(ReadOnlySpan<float> vectors)
    {
        index.ThrowIfDisposed();
        var n = VectorChecks.CountVectors(vectors, index.Dimension, nameof(vectors));
        if (n == 0)
        {
            throw new ArgumentException(FaissErrors.NoVectors, nameof(vectors));
        }

        var spec = index.Spec;
        if (n < spec.MinimumTrainingVectors)
        {
            throw new ArgumentException(FaissErrors.TooFewTrainingVectors(n, spec.MinimumTrainingVectors, spec.FactoryDescription), nameof(vectors));
        }

        using var scope = index.EnterWrite();
        fixed (float* x = vectors)
        {
            index.Bridge.IndexTrain(index.Handle, n, x);
        }
    }

    public unsafe void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        index.ThrowIfDisposed();
        var n = VectorChecks.CountVectors(vectors, index.Dimension, nameof(vectors));
        if (ids.Length != n)
        {
            throw new ArgumentException(FaissErrors.IdCountMismatch(ids.Length, n), nameof(ids));
        }

        VectorChecks.ThrowIfReservedId(ids, nameof(ids));
        using var scope = index.EnterWrite();
        if (!index.Bridge.IndexIsTrained(index.Handle))
        {
            throw new InvalidOperationException(FaissErrors.NotTrained(index.Spec.FactoryDescription));
        }

        if (n == 0)
        {
            return;
        }

        fixed (float* x = vectors)
        fixed (long* xids = ids)
        {
            index.Bridge.IndexAddWithIds(index.Handle, n, x, xids);
        }
    }

    public unsafe long Remove(ReadOnlySpan<long> ids)
    {
        index.ThrowIfDisposed();
        if (!index.SupportsRemove)
        {
            throw new NotSupportedException(FaissErrors.RemoveNotSupported(index.Spec.FactoryDescription));
        }

        using var scope = index.EnterWrite();
        if (ids.IsEmpty)
        {
            return 0;
        }

        fixed (long* p = ids)
        {
            return index.Bridge.IndexRemoveIds(index.Handle, ids.Length, p);
        }
    }

    public void Reset()
    {
        using var scope = index.EnterWrite();
        index.Bridge.IndexReset(index.Handle);
    }

    private void ThrowIfNotKind(FaissIndexKind kind, string parameter)
    {
        index.ThrowIfDisposed();

        // Custom descriptions (say "HNSW32,SQ8") may still have the parameter: the bridge decides for them.
        var spec = index.Spec;
        if (spec.Kind != kind && spec.Kind != FaissIndexKind.Custom)
        {
            throw new NotSupportedException(FaissErrors.ParameterNotApplicable(parameter, spec.FactoryDescription));
        }
    }
}
