using ContextMemory.Faiss.Interop;

namespace ContextMemory.Faiss;

/// <summary>
/// The loaded native bridge: which FAISS build it is, where it came from, and its process-wide thread settings.
/// </summary>
/// <remarks>
/// One flavour is loaded per process, on first use of any FAISS type: the AVX2 build when the CPU has
/// AVX2 and FMA, else the generic one. <c>CONTEXTMEMORY_FAISS_FLAVOR=generic|avx2</c> forces a flavour and
/// <c>CONTEXTMEMORY_FAISS_LIBRARY=/path/lib.so</c> a file; both are read once, before the first load.
/// Every member is thread-safe. Thread settings apply process-wide to calls that start after the change.
/// </remarks>
public static class FaissLibrary
{
    /// <summary>The batch size from which a search or add uses OpenMP threads, unless changed.</summary>
    public const int DefaultParallelThreshold = 20;

    private static readonly Lock SettingsLock = new();
    private static int s_parallelThreshold = DefaultParallelThreshold;

    /// <summary>The FAISS version the bridge was built from (for example <c>1.7.3</c>).</summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static string FaissVersion => NativeBridge.Default.FaissVersion;

    /// <summary>The build flavour of the loaded bridge: <c>generic</c> or <c>avx2</c>, as the library reports it.</summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static string Flavor => NativeBridge.Default.Flavor;

    /// <summary>The version of the bridge's C ABI (2: errno of file failures, search defaults in the container header).</summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static int AbiVersion => NativeBridge.Default.AbiVersion;

    /// <summary>Full path of the loaded bridge library.</summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static string LibraryPath => NativeLibraryLoader.EnsureLoaded().Path;

    /// <summary>Why this library was chosen: CPU features, overrides, and any fallback with its reason.</summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static IReadOnlyList<string> LoadNotes => NativeLibraryLoader.EnsureLoaded().Notes;

    /// <summary>
    /// OpenMP threads used by one search or add of at least <see cref="ParallelThreshold"/> rows. Smaller
    /// batches (single queries in particular) always run on the calling thread. At least 1.
    /// </summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static int OmpThreads
    {
        get
        {
            return NativeBridge.Default.GetOmpThreads();
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            NativeBridge.Default.SetOmpThreads(value);
        }
    }

    /// <summary>
    /// Rows from which a search or add fans out to <see cref="OmpThreads"/> threads; below it the work stays on
    /// the calling thread, which is what concurrent single-query callers want. 0 parallelises every call;
    /// defaults to <see cref="DefaultParallelThreshold"/>.
    /// </summary>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static int ParallelThreshold
    {
        get
        {
            _ = NativeBridge.Default;
            return Volatile.Read(ref s_parallelThreshold);
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            var bridge = NativeBridge.Default;
            lock (SettingsLock)
            {
                bridge.SetParallelThreshold(value);
                Volatile.Write(ref s_parallelThreshold, value);
            }
        }
    }

    /// <summary>
    /// Sets OpenBLAS's own thread count (process-wide). The binding sets it to 1 when the library loads: with
    /// <see cref="OmpThreads"/> above 1 the two thread pools otherwise oversubscribe the cores and batches and
    /// training get several times slower. Raise it only when FAISS's OpenMP threads are 1.
    /// </summary>
    /// <param name="threads">At least 1.</param>
    /// <exception cref="FaissNativeLibraryException">The bridge could not be loaded.</exception>
    public static void SetBlasThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        NativeBridge.Default.SetBlasThreads(threads);
    }
}
