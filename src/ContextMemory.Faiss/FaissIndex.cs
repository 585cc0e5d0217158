using System.Runtime.InteropServices;
using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <summary>
/// A FAISS index whose vectors are addressed by caller-chosen 64-bit ids.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safety: all members are thread-safe. Reads (every search, <c>Reconstruct</c>, <c>Save</c>,
/// <c>ToBytes</c>, <see cref="Count"/>) take the shared side of a reader/writer lock and run in parallel;
/// mutations (<c>Train</c>, <c>Add</c>, <c>Remove</c>, <c>Reset</c>, setting <see cref="EfSearch"/> or
/// <see cref="NProbe"/>) take the exclusive side and wait for running reads. <see cref="Dispose"/> waits for
/// running calls, then frees the native index; later calls throw <see cref="ObjectDisposedException"/>.
/// </para>
/// <para>
/// Every method is synchronous: the work is native CPU work with nothing to await, so there is no async API.
/// Callers that must not block a request thread can offload a call with <c>Task.Run</c>.
/// </para>
/// <para>
/// Distances follow <see cref="Metric"/>: squared L2 (lower is closer) for <see cref="FaissMetric.L2"/>; inner
/// product for <see cref="FaissMetric.InnerProduct"/> and cosine similarity for <see cref="FaissMetric.Cosine"/>
/// (higher is closer). Quantized kinds report approximate distances.
/// </para>
/// <para>Arguments are validated before any native call, so an invalid call leaves the index unchanged.</para>
/// </remarks>
public sealed partial class FaissIndex : IDisposable
{
    private readonly FaissIndexHandle _handle;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private volatile IndexSpec _spec;
    private volatile bool _disposed;

    private FaissIndex(FaissIndexHandle handle, int dimension, FaissMetric metric, IndexSpec spec, bool supportsRemove)
    {
        _handle = handle;
        _spec = spec;
        Dimension = dimension;
        Metric = metric;
        SupportsRemove = supportsRemove;
    }

    /// <summary>Number of components of every vector.</summary>
    public int Dimension { get; }

    /// <summary>How vectors are compared, and so what distances mean.</summary>
    public FaissMetric Metric { get; }

    /// <summary>The spec the index was built from, with its current search defaults.</summary>
    public IndexSpec Spec => _spec;

    /// <summary>The FAISS factory description (same as <see cref="IndexSpec.FactoryDescription"/>).</summary>
    public string Description => _spec.FactoryDescription;

    /// <summary>Whether <see cref="Remove(ReadOnlySpan{long})"/> works (false for HNSW), as the native index reports it.</summary>
    public bool SupportsRemove { get; }

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Number of vectors in the index.</summary>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public long Count
    {
        get
        {
            using var scope = EnterRead();
            NativeGate.Check(NativeMethods.IndexCount(_handle, out var count));
            return count;
        }
    }

    /// <summary>Whether the index can take vectors: always true for kinds that need no training.</summary>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public bool IsTrained
    {
        get
        {
            using var scope = EnterRead();
            return IsTrainedCore();
        }
    }

    /// <summary>
    /// Creates an empty index. Kinds with <see cref="IndexSpec.RequiresTraining"/> must be trained before vectors are added.
    /// </summary>
    /// <param name="dimension">Components per vector, at least 1.</param>
    /// <param name="spec">The index kind and its parameters.</param>
    /// <param name="metric">How vectors are compared.</param>
    /// <returns>The new index; the caller owns it.</returns>
    /// <exception cref="FaissNativeLibraryException">The native bridge could not be loaded.</exception>
    /// <exception cref="FaissException">FAISS rejected the description (for <see cref="IndexSpec.Factory(string)"/> specs).</exception>
    public static FaissIndex Create(int dimension, IndexSpec spec, FaissMetric metric)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, null);
        }

        spec.ValidateFor(dimension, nameof(dimension));
        FaissLibrary.EnsureInitialized();
        var status = NativeMethods.IndexCreate(spec.FactoryDescription, dimension, (int)metric, out var handle);
        return Adopt(status, handle, _ => spec);
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
            _handle.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        // The lock itself is deliberately not disposed: threads that raced Dispose may still be about to
        // enter it, and they must find the disposed flag rather than a torn-down lock.
    }

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Metric}, {Dimension} dims)";

    /// <summary>Wraps a freshly created or loaded native index, releasing it if anything fails.</summary>
    private static FaissIndex Adopt(int status, FaissIndexHandle handle, Func<string, IndexSpec> specFor)
    {
        try
        {
            NativeGate.Check(status);
            NativeGate.Check(NativeMethods.IndexDimension(handle, out var dimension));
            NativeGate.Check(NativeMethods.IndexMetric(handle, out var metricValue));
            NativeGate.Check(NativeMethods.IndexSupportsRemove(handle, out var supportsRemove));
            NativeGate.Check(NativeMethods.IndexDescription(handle, out var descriptionPointer));
            var metric = (FaissMetric)metricValue;
            if (!Enum.IsDefined(metric))
            {
                throw new FaissFormatException(FaissErrors.UnknownMetric(metricValue));
            }

            var spec = specFor(Marshal.PtrToStringUTF8(descriptionPointer) ?? string.Empty);
            ApplySearchDefaults(handle, spec);
            return new FaissIndex(handle, dimension, metric, spec, supportsRemove != 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void ApplySearchDefaults(FaissIndexHandle handle, IndexSpec spec)
    {
        if (spec.Kind == FaissIndexKind.Hnsw)
        {
            NativeGate.Check(NativeMethods.IndexSetEfConstruction(handle, spec.EfConstruction));
            NativeGate.Check(NativeMethods.IndexSetEfSearch(handle, spec.EfSearch));
        }
        else if (spec.Kind == FaissIndexKind.IvfFlat)
        {
            NativeGate.Check(NativeMethods.IndexSetNProbe(handle, spec.NProbe));
        }
    }

    private bool IsTrainedCore()
    {
        NativeGate.Check(NativeMethods.IndexIsTrained(_handle, out var trained));
        return trained != 0;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private LockScope EnterRead()
    {
        _lock.EnterReadLock();
        if (_disposed)
        {
            _lock.ExitReadLock();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return new LockScope(_lock, write: false);
    }

    private LockScope EnterWrite()
    {
        _lock.EnterWriteLock();
        if (_disposed)
        {
            _lock.ExitWriteLock();
            ObjectDisposedException.ThrowIf(true, this);
        }

        return new LockScope(_lock, write: true);
    }

    /// <summary>Releases the side of the lock that was taken; used with <c>using</c> so every path exits.</summary>
    private readonly struct LockScope(ReaderWriterLockSlim rwLock, bool write) : IDisposable
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
