using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <summary>
/// The native index behind a <see cref="FaissIndex"/>: its handle, the reader/writer lock every call takes, the
/// shape fixed at creation and the current spec. The searcher, the updater and the persistence code all work
/// through it, so the locking and disposal rules live in one place.
/// </summary>
internal sealed class NativeIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private volatile IndexSpec _spec;
    private volatile bool _disposed;

    private NativeIndex(FaissIndexHandle handle, int dimension, FaissMetric metric, IndexSpec spec, bool supportsRemove)
    {
        Handle = handle;
        _spec = spec;
        Dimension = dimension;
        Metric = metric;
        SupportsRemove = supportsRemove;
    }

    public FaissIndexHandle Handle { get; }

    /// <summary>The bridge copy the index lives in.</summary>
    public NativeBridge Bridge => Handle.Bridge;

    public int Dimension { get; }

    public FaissMetric Metric { get; }

    public bool SupportsRemove { get; }

    public bool IsDisposed => _disposed;

    /// <summary>The spec with the current search defaults; replaced only under the write lock.</summary>
    public IndexSpec Spec
    {
        get => _spec;
        set => _spec = value;
    }

    /// <summary>Validates the arguments of <see cref="FaissIndex.Create(int, IndexSpec, FaissMetric)"/>; nothing native runs.</summary>
    public static void ValidateCreate(int dimension, IndexSpec spec, FaissMetric metric)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, null);
        }

        spec.ValidateFor(dimension, nameof(dimension));
    }

    /// <summary>Creates an empty index in <paramref name="bridge"/> and sets the spec's search defaults on it.</summary>
    public static NativeIndex Create(NativeBridge bridge, int dimension, IndexSpec spec, FaissMetric metric)
    {
        var handle = bridge.IndexCreate(spec.FactoryDescription, dimension, (int)metric);
        return Adopt(handle, _ => spec, applySpecDefaults: true);
    }

    /// <summary>
    /// Wraps a freshly created or loaded native index, releasing it if anything fails. A loaded index already
    /// carries its saved search defaults, so only a created one gets the spec's.
    /// </summary>
    public static NativeIndex Adopt(FaissIndexHandle handle, Func<string, IndexSpec> specFor, bool applySpecDefaults)
    {
        try
        {
            var bridge = handle.Bridge;
            var metricValue = bridge.IndexMetric(handle);
            var metric = (FaissMetric)metricValue;
            if (!Enum.IsDefined(metric))
            {
                throw new FaissFormatException(FaissErrors.UnknownMetric(metricValue));
            }

            var spec = specFor(bridge.IndexDescription(handle));
            if (applySpecDefaults)
            {
                ApplySearchDefaults(handle, spec);
            }

            return new NativeIndex(handle, bridge.IndexDimension(handle), metric, spec, bridge.IndexSupportsRemove(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public long Count()
    {
        using var scope = EnterRead();
        return Bridge.IndexCount(Handle);
    }

    public bool IsTrained()
    {
        using var scope = EnterRead();
        return Bridge.IndexIsTrained(Handle);
    }

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, typeof(FaissIndex));

    public LockScope EnterRead()
    {
        _lock.EnterReadLock();
        if (_disposed)
        {
            _lock.ExitReadLock();
            ObjectDisposedException.ThrowIf(true, typeof(FaissIndex));
        }

        return new LockScope(_lock, write: false);
    }

    public LockScope EnterWrite()
    {
        _lock.EnterWriteLock();
        if (_disposed)
        {
            _lock.ExitWriteLock();
            ObjectDisposedException.ThrowIf(true, typeof(FaissIndex));
        }

        return new LockScope(_lock, write: true);
    }

    /// <summary>Waits for running calls to finish, then frees the native index. Safe to call more than once.</summary>
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            // No call holds the lock now, so none is inside native code. Were one to bypass the lock, the
            // SafeHandle's reference count would still defer the free until that call returned.
            _disposed = true;
            Handle.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        // The lock itself is deliberately not disposed: threads that raced Dispose may still be about to
        // enter it, and they must find the disposed flag rather than a torn-down lock.
    }

    private static void ApplySearchDefaults(FaissIndexHandle handle, IndexSpec spec)
    {
        if (spec.Kind == FaissIndexKind.Hnsw)
        {
            handle.Bridge.IndexSetEfConstruction(handle, spec.EfConstruction);
            handle.Bridge.IndexSetEfSearch(handle, spec.EfSearch);
        }
        else if (spec.Kind == FaissIndexKind.IvfFlat)
        {
            handle.Bridge.IndexSetNProbe(handle, spec.NProbe);
        }
    }

    /// <summary>Releases the side of the lock that was taken; used with <c>using</c> so every path exits.</summary>
    internal readonly struct LockScope(ReaderWriterLockSlim rwLock, bool write) : IDisposable
    {
        public void Dispose()
        {
            if (write)
            {
                rwLock.ExitWriteLock();
            }
            else
            {
                rwLock.ExitReadLock();
            }
        }
    }
}
