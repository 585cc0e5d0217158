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
/// <para>
/// File failures surface as the <see cref="IOException"/> family, mapped from the operating system's error as
/// .NET maps its own: <see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/>,
/// <see cref="UnauthorizedAccessException"/> (no permission, or a read-only file system),
/// <see cref="PathTooLongException"/>, and <see cref="IOException"/> otherwise (a full disk with
/// <see cref="Exception.HResult"/> <c>0x80070070</c>, <c>HRESULT_FROM_WIN32(ERROR_DISK_FULL)</c>; a symbolic link at
/// the path with the errno ELOOP (40); any other error with its errno). No file is ever read or written through a
/// symbolic link. <see cref="FaissException"/> is kept for FAISS's own failures and
/// <see cref="FaissFormatException"/> for damaged or foreign files.
/// </para>
/// </remarks>
public sealed class FaissIndex : IDisposable
{
    /// <summary>Largest user data, in bytes, that <see cref="Save(string, ReadOnlySpan{byte})"/> and <see cref="ToBytes(ReadOnlySpan{byte})"/> accept (1 MiB).</summary>
    public const int MaxUserDataBytes = IndexFiles.MaxUserDataBytes;

    private readonly NativeIndex _index;
    private readonly IndexSearcher _searcher;
    private readonly IndexUpdater _updater;

    internal FaissIndex(NativeIndex index)
    {
        _index = index;
        _searcher = new IndexSearcher(index);
        _updater = new IndexUpdater(index);
    }

    /// <summary>Number of components of every vector.</summary>
    public int Dimension => _index.Dimension;

    /// <summary>How vectors are compared, and so what distances mean.</summary>
    public FaissMetric Metric => _index.Metric;

    /// <summary>The spec the index was built from, with its current search defaults.</summary>
    public IndexSpec Spec => _index.Spec;

    /// <summary>The FAISS factory description (same as <see cref="IndexSpec.FactoryDescription"/>).</summary>
    public string Description => _index.Spec.FactoryDescription;

    /// <summary>Whether <see cref="Remove(ReadOnlySpan{long})"/> works (false for HNSW), as the native index reports it.</summary>
    public bool SupportsRemove => _index.SupportsRemove;

    /// <summary>Whether <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _index.IsDisposed;

    /// <summary>Number of vectors in the index.</summary>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public long Count => _index.Count();

    /// <summary>Whether the index can take vectors: always true for kinds that need no training.</summary>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public bool IsTrained => _index.IsTrained();

    /// <summary>
    /// Default HNSW candidate list size for searches that do not set <see cref="FaissSearchOptions.EfSearch"/>.
    /// 0 for other kinds and for <see cref="FaissIndexKind.Custom"/> specs (whose value is not tracked).
    /// Saved with the index and restored by <see cref="Load(string, long)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">Set on an index that has no HNSW graph.</exception>
    public int EfSearch
    {
        get => _index.Spec.EfSearch;
        set => _updater.SetEfSearch(value);
    }

    /// <summary>
    /// Default number of IVF lists probed by searches that do not set <see cref="FaissSearchOptions.NProbe"/>.
    /// 0 for other kinds and for <see cref="FaissIndexKind.Custom"/> specs (whose value is not tracked).
    /// Saved with the index and restored by <see cref="Load(string, long)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">Set on an index that has no inverted file.</exception>
    public int NProbe
    {
        get => _index.Spec.NProbe;
        set => _updater.SetNProbe(value);
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
        NativeIndex.ValidateCreate(dimension, spec, metric);
        return new FaissIndex(NativeIndex.Create(NativeBridge.Default, dimension, spec, metric));
    }

    /// <summary>
    /// Loads an index saved by <see cref="Save(string, ReadOnlySpan{byte})"/>, with its search defaults. The container
    /// header, sizes and both checksums are verified before FAISS parses a byte, so damaged or foreign files fail
    /// cleanly. Files of the earlier container format (version 1) are read too: their search defaults are taken from
    /// where that format kept them, and the user data returned is exactly what was saved.
    /// </summary>
    /// <param name="path">The file; never opened through a symbolic link.</param>
    /// <param name="maxBytes">Refuse files larger than this (0 for no limit): a guard against loading something absurd.</param>
    /// <returns>The index (owned by the caller) and the user data.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">Its directory does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">Reading failed, or <paramref name="path"/> is a symbolic link or a directory.</exception>
    /// <exception cref="FaissFormatException">The file is damaged, truncated, foreign, or over <paramref name="maxBytes"/>.</exception>
    public static FaissLoadResult Load(string path, long maxBytes = 0) => IndexFiles.Load(path, maxBytes);

    /// <summary>Loads an index from bytes produced by <see cref="ToBytes(ReadOnlySpan{byte})"/>; verified like <see cref="Load(string, long)"/>.</summary>
    /// <param name="data">The container bytes.</param>
    /// <param name="maxBytes">Refuse data larger than this (0 for no limit).</param>
    /// <returns>The index (owned by the caller) and the user data.</returns>
    /// <exception cref="FaissFormatException">The data is empty, damaged, truncated, foreign, or over <paramref name="maxBytes"/>.</exception>
    public static FaissLoadResult FromBytes(ReadOnlySpan<byte> data, long maxBytes = 0) => IndexFiles.FromBytes(data, maxBytes);

    /// <summary>Reads the verified header and user data of an index file without loading the index.</summary>
    /// <param name="path">The file; never opened through a symbolic link.</param>
    /// <returns>Metric, dimension, payload size and user data.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">Reading failed, or <paramref name="path"/> is a symbolic link (see <see cref="Load(string, long)"/>).</exception>
    /// <exception cref="FaissFormatException">The header or user data is damaged or foreign.</exception>
    public static FaissFileInfo Peek(string path) => IndexFiles.Peek(path);

    /// <summary>
    /// Trains the index (IVF centroids, quantizer ranges or codebooks) on representative vectors. A no-op for
    /// kinds that need no training.
    /// </summary>
    /// <param name="vectors">Row-major vectors, a whole number of <see cref="Dimension"/>-float rows, all finite.
    /// IVF needs at least nlist rows (ideally 39-256 per list); PQ at least 2^bits.</param>
    /// <exception cref="ArgumentException">The buffer is empty, not whole rows, holds NaN/infinity, or too few rows.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Train(ReadOnlySpan<float> vectors) => _updater.Train(vectors);

    /// <summary>Trains the index; see <see cref="Train(ReadOnlySpan{float})"/>.</summary>
    /// <param name="vectors">Row-major training vectors.</param>
    public void Train(ReadOnlyMemory<float> vectors) => _updater.Train(vectors.Span);

    /// <summary>
    /// Adds vectors under the given ids. Ids are the caller's: searches return them as labels. Ids should be
    /// unique; adding an id that is already present stores a second vector under it.
    /// </summary>
    /// <param name="vectors">Row-major vectors, a whole number of <see cref="Dimension"/>-float rows, all finite.</param>
    /// <param name="ids">One id per vector; any value except -1.</param>
    /// <exception cref="ArgumentException">Rows not whole, NaN/infinity, id count mismatch, or an id of -1.</exception>
    /// <exception cref="InvalidOperationException">The index needs training first.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids) => _updater.Add(vectors, ids);

    /// <summary>Adds vectors under the given ids; see <see cref="Add(ReadOnlySpan{float}, ReadOnlySpan{long})"/>.</summary>
    /// <param name="vectors">Row-major vectors.</param>
    /// <param name="ids">One id per vector.</param>
    public void Add(ReadOnlyMemory<float> vectors, ReadOnlyMemory<long> ids) => _updater.Add(vectors.Span, ids.Span);

    /// <summary>Removes every vector stored under the given ids. Ids that are not present are ignored.</summary>
    /// <param name="ids">The ids to remove.</param>
    /// <returns>How many vectors were removed.</returns>
    /// <exception cref="NotSupportedException">The index kind cannot remove (HNSW); nothing is changed.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public long Remove(ReadOnlySpan<long> ids) => _updater.Remove(ids);

    /// <summary>Removes every vector. Training (IVF centroids, quantizers) is kept.</summary>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Reset() => _updater.Reset();

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
    public void Search(ReadOnlySpan<float> queries, int k, Span<float> distances, Span<long> labels, FaissSearchOptions? options = null) =>
        _searcher.Search(queries, k, distances, labels, options);

    /// <summary>Batch search over memory the caller keeps; see <see cref="Search(ReadOnlySpan{float}, int, Span{float}, Span{long}, FaissSearchOptions?)"/>.</summary>
    /// <param name="queries">Row-major queries.</param>
    /// <param name="k">Hits per query.</param>
    /// <param name="distances">Receives queries x k distances.</param>
    /// <param name="labels">Receives queries x k ids.</param>
    /// <param name="options">Per-call options.</param>
    public void Search(ReadOnlyMemory<float> queries, int k, Memory<float> distances, Memory<long> labels, FaissSearchOptions? options = null) =>
        _searcher.Search(queries.Span, k, distances.Span, labels.Span, options);

    /// <summary>Searches the <paramref name="k"/> nearest vectors of one query.</summary>
    /// <param name="query">Exactly <see cref="Dimension"/> finite floats.</param>
    /// <param name="k">Hits wanted, at least 1 (fewer come back when the index holds fewer matching vectors).</param>
    /// <param name="options">Selector and per-call efSearch / nprobe; null for the index defaults.</param>
    /// <returns>The hits, best first, without empty slots.</returns>
    /// <exception cref="ArgumentException">Wrong length, NaN/infinity, or an invalid option.</exception>
    /// <exception cref="NotSupportedException">A selector on a kind that cannot filter (PQ).</exception>
    /// <exception cref="ObjectDisposedException">The index or the selector is disposed.</exception>
    public FaissSearchResult Search(ReadOnlySpan<float> query, int k, FaissSearchOptions? options = null) =>
        _searcher.Search(query, k, options);

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
    public FaissSearchResult SearchSubset(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> ids) =>
        _searcher.SearchSubset(query, k, ids);

    /// <summary>
    /// Exact search among the given ids, into caller buffers; see <see cref="SearchSubset(ReadOnlySpan{float}, int, ReadOnlySpan{long})"/>.
    /// </summary>
    /// <param name="query">Exactly <see cref="Dimension"/> finite floats.</param>
    /// <param name="k">Hits wanted, at least 1.</param>
    /// <param name="ids">The candidate ids.</param>
    /// <param name="distances">At least <paramref name="k"/> slots.</param>
    /// <param name="labels">At least <paramref name="k"/> slots; unfilled slots get -1.</param>
    /// <returns>How many slots were filled (best first).</returns>
    public int SearchSubset(ReadOnlySpan<float> query, int k, ReadOnlySpan<long> ids, Span<float> distances, Span<long> labels) =>
        _searcher.SearchSubset(query, k, ids, distances, labels);

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
    public FaissRangeSearchResult RangeSearch(ReadOnlySpan<float> queries, float radius, FaissIdSelector? selector = null) =>
        _searcher.RangeSearch(queries, radius, selector);

    /// <summary>Copies the vector stored under <paramref name="id"/> (decoded, so approximate for quantized kinds).</summary>
    /// <param name="id">A stored id.</param>
    /// <param name="destination">At least <see cref="Dimension"/> floats. For cosine indexes this is the normalised vector.</param>
    /// <exception cref="FaissException">The id is not in the index (<see cref="FaissErrorCode.NotFound"/>).</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Reconstruct(long id, Span<float> destination) => _searcher.Reconstruct(id, destination);

    /// <summary>Copies the vectors stored under several ids, row by row.</summary>
    /// <param name="ids">Stored ids.</param>
    /// <param name="destination">At least ids x <see cref="Dimension"/> floats.</param>
    /// <exception cref="FaissException">An id is not in the index.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Reconstruct(ReadOnlySpan<long> ids, Span<float> destination) => _searcher.Reconstruct(ids, destination);

    /// <summary>
    /// Writes the index, its search defaults and <paramref name="userData"/> to <paramref name="path"/> atomically:
    /// the container goes to a new temporary file in the same directory (<c>.cmf-&lt;random&gt;.tmp</c>, created
    /// exclusively, never through a link), is flushed to disk, renamed over <paramref name="path"/>, and the
    /// directory entry is flushed. A crash leaves either the old file or the new one, never a torn file; a failure
    /// removes the temporary file.
    /// </summary>
    /// <param name="path">Destination file; its directory must exist and must not itself be a symbolic link. A symbolic
    /// link at <paramref name="path"/> (dangling or not) is refused, and its target is left untouched.</param>
    /// <param name="userData">Opaque caller bytes stored beside the index (at most <see cref="MaxUserDataBytes"/>).</param>
    /// <exception cref="ArgumentException">The path is empty or holds a NUL, or the user data is too large.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written, or is on a read-only file system.</exception>
    /// <exception cref="PathTooLongException">The path or its file name is too long.</exception>
    /// <exception cref="IOException">Writing failed: the disk is full (<see cref="Exception.HResult"/> <c>0x80070070</c>),
    /// <paramref name="path"/> is a symbolic link or a directory, or another file-system error.</exception>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public void Save(string path, ReadOnlySpan<byte> userData = default) => IndexFiles.Save(_index, path, userData);

    /// <summary>Serialises the index and <paramref name="userData"/> into the same container <see cref="Save(string, ReadOnlySpan{byte})"/> writes.</summary>
    /// <param name="userData">Opaque caller bytes (at most <see cref="MaxUserDataBytes"/>).</param>
    /// <returns>The container bytes.</returns>
    /// <exception cref="ObjectDisposedException">The index is disposed.</exception>
    public byte[] ToBytes(ReadOnlySpan<byte> userData = default) => IndexFiles.ToBytes(_index, userData);

    /// <summary>Waits for running calls to finish, then frees the native index. Safe to call more than once.</summary>
    public void Dispose() => _index.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Description} ({Metric}, {Dimension} dims)";

    /// <summary>
    /// Creates an empty index in a bridge loaded by path (<see cref="NativeBridge.Load(string)"/>), for comparing
    /// build flavours in one process; otherwise like <see cref="Create(int, IndexSpec, FaissMetric)"/>.
    /// </summary>
    internal static FaissIndex Create(NativeBridge bridge, int dimension, IndexSpec spec, FaissMetric metric)
    {
        NativeIndex.ValidateCreate(dimension, spec, metric);
        return new FaissIndex(NativeIndex.Create(bridge, dimension, spec, metric));
    }
}
