using System.Runtime.InteropServices;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// Raw declarations of the C ABI in <c>native/include/cmf_bridge.h</c>, one per export. Every call returns a
/// status that callers pass to <see cref="NativeGate.Check(int)"/> at once, on the same thread, so the
/// thread-local native message still belongs to that call. Vectors go as pointers: callers pin spans with
/// <c>fixed</c>, which costs nothing and keeps large inputs from being copied.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = NativeLibraryLoader.LibraryName;

    // ---- library ----
    [LibraryImport(Library, EntryPoint = "cmf_last_error")]
    internal static partial nint LastError();

    [LibraryImport(Library, EntryPoint = "cmf_version")]
    internal static partial int Version(out nint faissVersion, out nint flavor, out int abiVersion);

    [LibraryImport(Library, EntryPoint = "cmf_set_omp_threads")]
    internal static partial int SetOmpThreads(int threads);

    [LibraryImport(Library, EntryPoint = "cmf_get_omp_threads")]
    internal static partial int GetOmpThreads(out int threads);

    [LibraryImport(Library, EntryPoint = "cmf_set_parallel_threshold")]
    internal static partial int SetParallelThreshold(int rows);

    [LibraryImport(Library, EntryPoint = "cmf_set_blas_threads")]
    internal static partial int SetBlasThreads(int threads);

    // ---- index lifetime and properties ----
    [LibraryImport(Library, EntryPoint = "cmf_index_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int IndexCreate(string description, int dimension, int metric, out FaissIndexHandle index);

    [LibraryImport(Library, EntryPoint = "cmf_index_free")]
    internal static partial int IndexFree(nint index);

    [LibraryImport(Library, EntryPoint = "cmf_index_dimension")]
    internal static partial int IndexDimension(FaissIndexHandle index, out int dimension);

    [LibraryImport(Library, EntryPoint = "cmf_index_ntotal")]
    internal static partial int IndexCount(FaissIndexHandle index, out long count);

    [LibraryImport(Library, EntryPoint = "cmf_index_metric")]
    internal static partial int IndexMetric(FaissIndexHandle index, out int metric);

    [LibraryImport(Library, EntryPoint = "cmf_index_is_trained")]
    internal static partial int IndexIsTrained(FaissIndexHandle index, out int trained);

    [LibraryImport(Library, EntryPoint = "cmf_index_description")]
    internal static partial int IndexDescription(FaissIndexHandle index, out nint description);

    [LibraryImport(Library, EntryPoint = "cmf_index_supports_remove")]
    internal static partial int IndexSupportsRemove(FaissIndexHandle index, out int supported);

    [LibraryImport(Library, EntryPoint = "cmf_index_set_ef_search")]
    internal static partial int IndexSetEfSearch(FaissIndexHandle index, int efSearch);

    [LibraryImport(Library, EntryPoint = "cmf_index_set_nprobe")]
    internal static partial int IndexSetNProbe(FaissIndexHandle index, int nprobe);

    [LibraryImport(Library, EntryPoint = "cmf_index_set_ef_construction")]
    internal static partial int IndexSetEfConstruction(FaissIndexHandle index, int efConstruction);

    // ---- mutation ----
    [LibraryImport(Library, EntryPoint = "cmf_index_train")]
    internal static partial int IndexTrain(FaissIndexHandle index, long n, float* x);

    [LibraryImport(Library, EntryPoint = "cmf_index_add_with_ids")]
    internal static partial int IndexAddWithIds(FaissIndexHandle index, long n, float* x, long* ids);

    [LibraryImport(Library, EntryPoint = "cmf_index_remove_ids")]
    internal static partial int IndexRemoveIds(FaissIndexHandle index, long n, long* ids, out long removed);

    [LibraryImport(Library, EntryPoint = "cmf_index_reset")]
    internal static partial int IndexReset(FaissIndexHandle index);

    // ---- search ----
    [LibraryImport(Library, EntryPoint = "cmf_index_search")]
    internal static partial int IndexSearch(
        FaissIndexHandle index, long n, float* x, long k, FaissSelectorHandle selector, int efSearch, int nprobe, float* distances, long* labels);

    [LibraryImport(Library, EntryPoint = "cmf_index_search_subset")]
    internal static partial int IndexSearchSubset(
        FaissIndexHandle index, float* x, long k, long nids, long* ids, float* distances, long* labels, out long found);

    [LibraryImport(Library, EntryPoint = "cmf_index_range_search")]
    internal static partial int IndexRangeSearch(
        FaissIndexHandle index, long n, float* x, float radius, FaissSelectorHandle selector, out FaissRangeResultHandle result);

    [LibraryImport(Library, EntryPoint = "cmf_range_result_total")]
    internal static partial int RangeResultTotal(FaissRangeResultHandle result, out long queryCount, out long total);

    [LibraryImport(Library, EntryPoint = "cmf_range_result_copy")]
    internal static partial int RangeResultCopy(FaissRangeResultHandle result, long* limits, long* labels, float* distances);

    [LibraryImport(Library, EntryPoint = "cmf_range_result_free")]
    internal static partial int RangeResultFree(nint result);

    [LibraryImport(Library, EntryPoint = "cmf_index_reconstruct")]
    internal static partial int IndexReconstruct(FaissIndexHandle index, long id, float* destination);

    [LibraryImport(Library, EntryPoint = "cmf_index_reconstruct_batch")]
    internal static partial int IndexReconstructBatch(FaissIndexHandle index, long n, long* ids, float* destination);

    // ---- selectors ----
    [LibraryImport(Library, EntryPoint = "cmf_selector_create_batch")]
    internal static partial int SelectorCreateBatch(long n, long* ids, out FaissSelectorHandle selector);

    [LibraryImport(Library, EntryPoint = "cmf_selector_create_bitmap")]
    internal static partial int SelectorCreateBitmap(long bitCount, byte* bitmap, out FaissSelectorHandle selector);

    [LibraryImport(Library, EntryPoint = "cmf_selector_create_range")]
    internal static partial int SelectorCreateRange(long min, long max, out FaissSelectorHandle selector);

    [LibraryImport(Library, EntryPoint = "cmf_selector_create_not")]
    internal static partial int SelectorCreateNot(FaissSelectorHandle inner, out FaissSelectorHandle selector);

    [LibraryImport(Library, EntryPoint = "cmf_selector_free")]
    internal static partial int SelectorFree(nint selector);

    // ---- persistence ----
    [LibraryImport(Library, EntryPoint = "cmf_index_write_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int IndexWriteFile(FaissIndexHandle index, string path, long userDataSize, byte* userData);

    [LibraryImport(Library, EntryPoint = "cmf_index_write_buffer")]
    internal static partial int IndexWriteBuffer(FaissIndexHandle index, long userDataSize, byte* userData, out FaissBufferHandle buffer);

    [LibraryImport(Library, EntryPoint = "cmf_index_read_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int IndexReadFile(string path, long maxBytes, out FaissIndexHandle index, out FaissBufferHandle userData);

    [LibraryImport(Library, EntryPoint = "cmf_index_read_buffer")]
    internal static partial int IndexReadBuffer(long size, byte* data, long maxBytes, out FaissIndexHandle index, out FaissBufferHandle userData);

    [LibraryImport(Library, EntryPoint = "cmf_file_peek", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FilePeek(string path, out int metric, out int dimension, out long payloadSize, out FaissBufferHandle userData);

    [LibraryImport(Library, EntryPoint = "cmf_buffer_data")]
    internal static partial int BufferData(FaissBufferHandle buffer, out nint data, out long size);

    [LibraryImport(Library, EntryPoint = "cmf_buffer_free")]
    internal static partial int BufferFree(nint buffer);

    [LibraryImport(Library, EntryPoint = "cmf_fsync_path", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FsyncPath(string path);
}
