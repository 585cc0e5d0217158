using System.Runtime.InteropServices;
using System.Text;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// The C ABI of <c>native/include/cmf_bridge.h</c>, bound to one loaded copy of the bridge library: one
/// export address per function, resolved by name when the library is bound, and one typed method per function.
/// That method is the only declaration of the function's signature in managed code. Every failing status goes
/// through <see cref="NativeGate"/> at once, on the calling thread, while the thread-local native message and
/// errno still belong to that call.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Default"/> is the copy the loader chose for the process (<see cref="NativeLibraryLoader"/>);
/// <see cref="Load(string)"/> binds another copy by path (the other build flavour, so a benchmark can run both
/// in one process). Native objects belong to the copy that made them: every handle remembers its bridge and is
/// released through it.
/// </para>
/// <para>
/// Handles are pinned for the length of a call (<see cref="SafeHandle.DangerousAddRef"/>), as generated
/// interop would do: a handle disposed meanwhile is freed only after the call returns, and a handle already
/// disposed throws <see cref="ObjectDisposedException"/> before the call. Vectors go as pointers: callers pin
/// spans with <c>fixed</c>, which costs nothing and keeps large inputs from being copied.
/// </para>
/// </remarks>
internal sealed unsafe class NativeBridge
{
    /// <summary>The C ABI version this binding was written against; a bridge reporting another is refused.</summary>
    internal const int ExpectedAbiVersion = 2;

    private static readonly Lazy<NativeBridge> DefaultBridge = new(BindDefault, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly nint _lastError;
    private readonly nint _lastErrno;
    private readonly nint _version;
    private readonly nint _setOmpThreads;
    private readonly nint _getOmpThreads;
    private readonly nint _setParallelThreshold;
    private readonly nint _setBlasThreads;
    private readonly nint _indexCreate;
    private readonly nint _indexFree;
    private readonly nint _indexDimension;
    private readonly nint _indexNtotal;
    private readonly nint _indexMetric;
    private readonly nint _indexIsTrained;
    private readonly nint _indexDescription;
    private readonly nint _indexSupportsRemove;
    private readonly nint _indexSetEfSearch;
    private readonly nint _indexSetNProbe;
    private readonly nint _indexSetEfConstruction;
    private readonly nint _indexSearchDefaults;
    private readonly nint _indexTrain;
    private readonly nint _indexAddWithIds;
    private readonly nint _indexRemoveIds;
    private readonly nint _indexReset;
    private readonly nint _indexSearch;
    private readonly nint _indexSearchSubset;
    private readonly nint _indexRangeSearch;
    private readonly nint _rangeResultTotal;
    private readonly nint _rangeResultCopy;
    private readonly nint _rangeResultFree;
    private readonly nint _indexReconstruct;
    private readonly nint _indexReconstructBatch;
    private readonly nint _selectorCreateBatch;
    private readonly nint _selectorCreateBitmap;
    private readonly nint _selectorCreateRange;
    private readonly nint _selectorCreateNot;
    private readonly nint _selectorFree;
    private readonly nint _indexWriteFile;
    private readonly nint _indexWriteBuffer;
    private readonly nint _indexReadFile;
    private readonly nint _indexReadBuffer;
    private readonly nint _filePeek;
    private readonly nint _bufferData;
    private readonly nint _bufferFree;
    private readonly nint _fsyncPath;

    private NativeBridge(nint library, string path)
    {
        Path = path;

        // The version first: a bridge of another ABI may lack later exports, and deserves the clear message.
        _version = NativeLibrary.GetExport(library, "cmf_version");
        _lastError = NativeLibrary.GetExport(library, "cmf_last_error");
        (FaissVersion, Flavor, AbiVersion) = Version();
        if (AbiVersion != ExpectedAbiVersion)
        {
            throw new FaissNativeLibraryException(FaissErrors.AbiMismatch(path, AbiVersion, ExpectedAbiVersion));
        }

        _lastErrno = NativeLibrary.GetExport(library, "cmf_last_errno");
        _setOmpThreads = NativeLibrary.GetExport(library, "cmf_set_omp_threads");
        _getOmpThreads = NativeLibrary.GetExport(library, "cmf_get_omp_threads");
        _setParallelThreshold = NativeLibrary.GetExport(library, "cmf_set_parallel_threshold");
        _setBlasThreads = NativeLibrary.GetExport(library, "cmf_set_blas_threads");
        _indexCreate = NativeLibrary.GetExport(library, "cmf_index_create");
        _indexFree = NativeLibrary.GetExport(library, "cmf_index_free");
        _indexDimension = NativeLibrary.GetExport(library, "cmf_index_dimension");
        _indexNtotal = NativeLibrary.GetExport(library, "cmf_index_ntotal");
        _indexMetric = NativeLibrary.GetExport(library, "cmf_index_metric");
        _indexIsTrained = NativeLibrary.GetExport(library, "cmf_index_is_trained");
        _indexDescription = NativeLibrary.GetExport(library, "cmf_index_description");
        _indexSupportsRemove = NativeLibrary.GetExport(library, "cmf_index_supports_remove");
        _indexSetEfSearch = NativeLibrary.GetExport(library, "cmf_index_set_ef_search");
        _indexSetNProbe = NativeLibrary.GetExport(library, "cmf_index_set_nprobe");
        _indexSetEfConstruction = NativeLibrary.GetExport(library, "cmf_index_set_ef_construction");
        _indexSearchDefaults = NativeLibrary.GetExport(library, "cmf_index_search_defaults");
        _indexTrain = NativeLibrary.GetExport(library, "cmf_index_train");
        _indexAddWithIds = NativeLibrary.GetExport(library, "cmf_index_add_with_ids");
        _indexRemoveIds = NativeLibrary.GetExport(library, "cmf_index_remove_ids");
        _indexReset = NativeLibrary.GetExport(library, "cmf_index_reset");
        _indexSearch = NativeLibrary.GetExport(library, "cmf_index_search");
        _indexSearchSubset = NativeLibrary.GetExport(library, "cmf_index_search_subset");
        _indexRangeSearch = NativeLibrary.GetExport(library, "cmf_index_range_search");
        _rangeResultTotal = NativeLibrary.GetExport(library, "cmf_range_result_total");
        _rangeResultCopy = NativeLibrary.GetExport(library, "cmf_range_result_copy");
        _rangeResultFree = NativeLibrary.GetExport(library, "cmf_range_result_free");
        _indexReconstruct = NativeLibrary.GetExport(library, "cmf_index_reconstruct");
        _indexReconstructBatch = NativeLibrary.GetExport(library, "cmf_index_reconstruct_batch");
        _selectorCreateBatch = NativeLibrary.GetExport(library, "cmf_selector_create_batch");
        _selectorCreateBitmap = NativeLibrary.GetExport(library, "cmf_selector_create_bitmap");
        _selectorCreateRange = NativeLibrary.GetExport(library, "cmf_selector_create_range");
        _selectorCreateNot = NativeLibrary.GetExport(library, "cmf_selector_create_not");
        _selectorFree = NativeLibrary.GetExport(library, "cmf_selector_free");
        _indexWriteFile = NativeLibrary.GetExport(library, "cmf_index_write_file");
        _indexWriteBuffer = NativeLibrary.GetExport(library, "cmf_index_write_buffer");
        _indexReadFile = NativeLibrary.GetExport(library, "cmf_index_read_file");
        _indexReadBuffer = NativeLibrary.GetExport(library, "cmf_index_read_buffer");
        _filePeek = NativeLibrary.GetExport(library, "cmf_file_peek");
        _bufferData = NativeLibrary.GetExport(library, "cmf_buffer_data");
        _bufferFree = NativeLibrary.GetExport(library, "cmf_buffer_free");
        _fsyncPath = NativeLibrary.GetExport(library, "cmf_fsync_path");
    }

    /// <summary>The bridge the loader chose for this process; throws <see cref="FaissNativeLibraryException"/> when none loads.</summary>
    public static NativeBridge Default => DefaultBridge.Value;

    /// <summary>The file this copy was loaded from.</summary>
    public string Path { get; }

    /// <summary>The FAISS version the copy was built from.</summary>
    public string FaissVersion { get; }

    /// <summary>The copy's build flavour, as it reports it (<c>generic</c> or <c>avx2</c>).</summary>
    public string Flavor { get; }

    /// <summary>The copy's C ABI version (always <see cref="ExpectedAbiVersion"/> once bound).</summary>
    public int AbiVersion { get; }

    /// <summary>
    /// Loads the bridge library at <paramref name="path"/> and binds it with the binding's defaults (see
    /// <see cref="FaissLibrary"/>). The library is never unloaded: FAISS starts OpenMP threads, and unloading
    /// code they may still run is not safe.
    /// </summary>
    public static NativeBridge Load(string path)
    {
        var library = NativeLibrary.Load(path);
        return Bind(library, path);
    }

    // ---- library ----
    public string LastErrorMessage() => Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)_lastError)()) ?? string.Empty;

    public int LastErrno() => ((delegate* unmanaged<int>)_lastErrno)();

    public void SetOmpThreads(int threads) => Check(((delegate* unmanaged<int, int>)_setOmpThreads)(threads));

    public int GetOmpThreads()
    {
        int threads;
        Check(((delegate* unmanaged<int*, int>)_getOmpThreads)(&threads));
        return threads;
    }

    public void SetParallelThreshold(int rows) => Check(((delegate* unmanaged<int, int>)_setParallelThreshold)(rows));

    public void SetBlasThreads(int threads) => Check(((delegate* unmanaged<int, int>)_setBlasThreads)(threads));

    // ---- index lifetime and properties ----
    public FaissIndexHandle IndexCreate(string description, int dimension, int metric)
    {
        nint index;
        fixed (byte* d = NulTerminated(description))
        {
            Check(((delegate* unmanaged<byte*, int, int, nint*, int>)_indexCreate)(d, dimension, metric, &index));
        }

        return FaissIndexHandle.Own(this, index);
    }

    /// <summary>Frees an index; returns the status instead of throwing, for <see cref="SafeHandle.ReleaseHandle"/>.</summary>
    public int IndexFree(nint index) => ((delegate* unmanaged<nint, int>)_indexFree)(index);

    public int IndexDimension(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        int dimension;
        Check(((delegate* unmanaged<nint, int*, int>)_indexDimension)(i.Pointer, &dimension));
        return dimension;
    }

    public long IndexCount(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        long count;
        Check(((delegate* unmanaged<nint, long*, int>)_indexNtotal)(i.Pointer, &count));
        return count;
    }

    public int IndexMetric(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        int metric;
        Check(((delegate* unmanaged<nint, int*, int>)_indexMetric)(i.Pointer, &metric));
        return metric;
    }

    public bool IndexIsTrained(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        int trained;
        Check(((delegate* unmanaged<nint, int*, int>)_indexIsTrained)(i.Pointer, &trained));
        return trained != 0;
    }

    public string IndexDescription(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        nint description;
        Check(((delegate* unmanaged<nint, nint*, int>)_indexDescription)(i.Pointer, &description));
        return Marshal.PtrToStringUTF8(description) ?? string.Empty;
    }

    public bool IndexSupportsRemove(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        int supported;
        Check(((delegate* unmanaged<nint, int*, int>)_indexSupportsRemove)(i.Pointer, &supported));
        return supported != 0;
    }

    public void IndexSetEfSearch(FaissIndexHandle index, int efSearch)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, int, int>)_indexSetEfSearch)(i.Pointer, efSearch));
    }

    public void IndexSetNProbe(FaissIndexHandle index, int nprobe)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, int, int>)_indexSetNProbe)(i.Pointer, nprobe));
    }

    public void IndexSetEfConstruction(FaissIndexHandle index, int efConstruction)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, int, int>)_indexSetEfConstruction)(i.Pointer, efConstruction));
    }

    public (int EfConstruction, int EfSearch, int NProbe) IndexSearchDefaults(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        int efConstruction, efSearch, nprobe;
        Check(((delegate* unmanaged<nint, int*, int*, int*, int>)_indexSearchDefaults)(i.Pointer, &efConstruction, &efSearch, &nprobe));
        return (efConstruction, efSearch, nprobe);
    }

    // ---- mutation ----
    public void IndexTrain(FaissIndexHandle index, long n, float* x)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, long, float*, int>)_indexTrain)(i.Pointer, n, x));
    }

    public void IndexAddWithIds(FaissIndexHandle index, long n, float* x, long* ids)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, long, float*, long*, int>)_indexAddWithIds)(i.Pointer, n, x, ids));
    }

    public long IndexRemoveIds(FaissIndexHandle index, long n, long* ids)
    {
        using var i = new Lease(index);
        long removed;
        Check(((delegate* unmanaged<nint, long, long*, long*, int>)_indexRemoveIds)(i.Pointer, n, ids, &removed));
        return removed;
    }

    public void IndexReset(FaissIndexHandle index)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, int>)_indexReset)(i.Pointer));
    }

    // ---- search ----
    public void IndexSearch(
        FaissIndexHandle index, long n, float* x, long k, FaissSelectorHandle? selector, int efSearch, int nprobe, float* distances, long* labels)
    {
        using var i = new Lease(index);
        using var s = new Lease(selector);
        Check(((delegate* unmanaged<nint, long, float*, long, nint, int, int, float*, long*, int>)_indexSearch)(
            i.Pointer, n, x, k, s.Pointer, efSearch, nprobe, distances, labels));
    }

    public long IndexSearchSubset(FaissIndexHandle index, float* x, long k, long nids, long* ids, float* distances, long* labels)
    {
        using var i = new Lease(index);
        long found;
        Check(((delegate* unmanaged<nint, float*, long, long, long*, float*, long*, long*, int>)_indexSearchSubset)(
            i.Pointer, x, k, nids, ids, distances, labels, &found));
        return found;
    }

    public FaissRangeResultHandle IndexRangeSearch(FaissIndexHandle index, long n, float* x, float radius, FaissSelectorHandle? selector)
    {
        using var i = new Lease(index);
        using var s = new Lease(selector);
        nint result;
        Check(((delegate* unmanaged<nint, long, float*, float, nint, nint*, int>)_indexRangeSearch)(i.Pointer, n, x, radius, s.Pointer, &result));
        return FaissRangeResultHandle.Own(this, result);
    }

    public (long QueryCount, long Total) RangeResultTotal(FaissRangeResultHandle result)
    {
        using var r = new Lease(result);
        long queryCount, total;
        Check(((delegate* unmanaged<nint, long*, long*, int>)_rangeResultTotal)(r.Pointer, &queryCount, &total));
        return (queryCount, total);
    }

    public void RangeResultCopy(FaissRangeResultHandle result, long* limits, long* labels, float* distances)
    {
        using var r = new Lease(result);
        Check(((delegate* unmanaged<nint, long*, long*, float*, int>)_rangeResultCopy)(r.Pointer, limits, labels, distances));
    }

    public int RangeResultFree(nint result) => ((delegate* unmanaged<nint, int>)_rangeResultFree)(result);

    public void IndexReconstruct(FaissIndexHandle index, long id, float* destination)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, long, float*, int>)_indexReconstruct)(i.Pointer, id, destination));
    }

    public void IndexReconstructBatch(FaissIndexHandle index, long n, long* ids, float* destination)
    {
        using var i = new Lease(index);
        Check(((delegate* unmanaged<nint, long, long*, float*, int>)_indexReconstructBatch)(i.Pointer, n, ids, destination));
    }

    // ---- selectors ----
    public FaissSelectorHandle SelectorCreateBatch(long n, long* ids)
    {
        nint selector;
        Check(((delegate* unmanaged<long, long*, nint*, int>)_selectorCreateBatch)(n, ids, &selector));
        return FaissSelectorHandle.Own(this, selector);
    }

    public FaissSelectorHandle SelectorCreateBitmap(long bitCount, byte* bitmap)
    {
        nint selector;
        Check(((delegate* unmanaged<long, byte*, nint*, int>)_selectorCreateBitmap)(bitCount, bitmap, &selector));
        return FaissSelectorHandle.Own(this, selector);
    }

    public FaissSelectorHandle SelectorCreateRange(long min, long max)
    {
        nint selector;
        Check(((delegate* unmanaged<long, long, nint*, int>)_selectorCreateRange)(min, max, &selector));
        return FaissSelectorHandle.Own(this, selector);
    }

    public FaissSelectorHandle SelectorCreateNot(FaissSelectorHandle inner)
    {
        using var s = new Lease(inner);
        nint selector;
        Check(((delegate* unmanaged<nint, nint*, int>)_selectorCreateNot)(s.Pointer, &selector));
        return FaissSelectorHandle.Own(this, selector);
    }

    public int SelectorFree(nint selector) => ((delegate* unmanaged<nint, int>)_selectorFree)(selector);

    // ---- persistence ----
    public void IndexWriteFile(FaissIndexHandle index, string path, long userDataSize, byte* userData)
    {
        using var i = new Lease(index);
        fixed (byte* p = NulTerminated(path))
        {
            Check(((delegate* unmanaged<nint, byte*, long, byte*, int>)_indexWriteFile)(i.Pointer, p, userDataSize, userData), path);
        }
    }

    public FaissBufferHandle IndexWriteBuffer(FaissIndexHandle index, long userDataSize, byte* userData)
    {
        using var i = new Lease(index);
        nint buffer;
        Check(((delegate* unmanaged<nint, long, byte*, nint*, int>)_indexWriteBuffer)(i.Pointer, userDataSize, userData, &buffer));
        return FaissBufferHandle.Own(this, buffer);
    }

    public (FaissIndexHandle Index, FaissBufferHandle UserData) IndexReadFile(string path, long maxBytes)
    {
        nint index, userData;
        fixed (byte* p = NulTerminated(path))
        {
            Check(((delegate* unmanaged<byte*, long, nint*, nint*, int>)_indexReadFile)(p, maxBytes, &index, &userData), path);
        }

        return (FaissIndexHandle.Own(this, index), FaissBufferHandle.Own(this, userData));
    }

    public (FaissIndexHandle Index, FaissBufferHandle UserData) IndexReadBuffer(long size, byte* data, long maxBytes)
    {
        nint index, userData;
        Check(((delegate* unmanaged<long, byte*, long, nint*, nint*, int>)_indexReadBuffer)(size, data, maxBytes, &index, &userData));
        return (FaissIndexHandle.Own(this, index), FaissBufferHandle.Own(this, userData));
    }

    public (int Metric, int Dimension, long PayloadSize, FaissBufferHandle UserData) FilePeek(string path)
    {
        int metric, dimension;
        long payloadSize;
        nint userData;
        fixed (byte* p = NulTerminated(path))
        {
            Check(((delegate* unmanaged<byte*, int*, int*, long*, nint*, int>)_filePeek)(p, &metric, &dimension, &payloadSize, &userData), path);
        }

        return (metric, dimension, payloadSize, FaissBufferHandle.Own(this, userData));
    }

    public ReadOnlySpan<byte> BufferData(FaissBufferHandle buffer)
    {
        using var b = new Lease(buffer);
        nint data;
        long size;
        Check(((delegate* unmanaged<nint, nint*, long*, int>)_bufferData)(b.Pointer, &data, &size));
        if (size > Array.MaxLength)
        {
            throw new FaissException(FaissErrors.BufferTooLarge(size), FaissErrorCode.OutOfMemory);
        }

        // Valid while the buffer lives; the caller copies it before disposing the handle.
        return new ReadOnlySpan<byte>((void*)data, (int)size);
    }

    public int BufferFree(nint buffer) => ((delegate* unmanaged<nint, int>)_bufferFree)(buffer);

    public void FsyncPath(string path)
    {
        fixed (byte* p = NulTerminated(path))
        {
            Check(((delegate* unmanaged<byte*, int>)_fsyncPath)(p), path);
        }
    }

    private static NativeBridge BindDefault()
    {
        var library = NativeLibraryLoader.EnsureLoaded();
        return Bind(library.Handle, library.Path);
    }

    private static NativeBridge Bind(nint library, string path)
    {
        var bridge = new NativeBridge(library, path);
        bridge.SetParallelThreshold(FaissLibrary.DefaultParallelThreshold);

        // OpenBLAS's own pool multiplied by FAISS's OpenMP threads oversubscribes the cores: measured on
        // 2 cores, PQ training took 32 s with both pools at 2 threads and 8 s with BLAS pinned to 1.
        bridge.SetBlasThreads(1);
        return bridge;
    }

    /// <summary>
    /// UTF-8 with a terminating NUL. Strict: a lone surrogate throws (an <see cref="ArgumentException"/>) rather
    /// than silently becoming another name. Callers reject embedded NULs, which C would read as the end.
    /// </summary>
    private static byte[] NulTerminated(string value)
    {
        var bytes = new byte[StrictUtf8.GetByteCount(value) + 1];
        StrictUtf8.GetBytes(value, bytes);
        return bytes;
    }

    private (string FaissVersion, string Flavor, int Abi) Version()
    {
        nint faissVersion, flavor;
        int abi;
        Check(((delegate* unmanaged<nint*, nint*, int*, int>)_version)(&faissVersion, &flavor, &abi));
        return (Marshal.PtrToStringUTF8(faissVersion) ?? string.Empty, Marshal.PtrToStringUTF8(flavor) ?? string.Empty, abi);
    }

    private void Check(int status, string? path = null)
    {
        if (status != NativeStatus.Ok)
        {
            NativeGate.Throw(status, LastErrorMessage(), _lastErrno == 0 ? 0 : LastErrno(), path);
        }
    }

    /// <summary>Holds a handle's reference count up for one call, so a concurrent dispose cannot free it mid-call.</summary>
    private readonly ref struct Lease
    {
        private readonly SafeHandle? _handle;
        private readonly bool _added;

        public Lease(SafeHandle? handle)
        {
            if (handle is null)
            {
                return;
            }

            var added = false;
            handle.DangerousAddRef(ref added);
            _handle = handle;
            _added = added;
            Pointer = handle.DangerousGetHandle();
        }

        public nint Pointer { get; }

        public void Dispose()
        {
            if (_added)
            {
                _handle!.DangerousRelease();
            }
        }
    }
}
