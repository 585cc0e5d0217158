using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// Chooses and loads the bridge library once per process: the AVX2 build when the CPU has AVX2 and FMA,
/// else the generic build; environment variables override the choice. <see cref="NativeBridge.Default"/>
/// binds its exports, so one flavour serves the whole process.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string GenericFileName = "libcontextmemory_faiss.so";
    internal const string Avx2FileName = "libcontextmemory_faiss_avx2.so";
    internal const string FlavorVariable = "CONTEXTMEMORY_FAISS_FLAVOR";
    internal const string LibraryVariable = "CONTEXTMEMORY_FAISS_LIBRARY";
    internal const string BuildCommand = "eng/setup-native.sh";
    internal const string RuntimeDependenciesCommand = "sudo apt-get install libopenblas0 libgomp1";

    private static readonly Lazy<LoadedNativeLibrary> Library = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the library if needed; throws <see cref="FaissNativeLibraryException"/> when nothing loads.</summary>
    public static LoadedNativeLibrary EnsureLoaded() => Library.Value;

    private static LoadedNativeLibrary Load()
    {
        var notes = new List<string>();
        var attempts = new List<string>();

        var explicitPath = Environment.GetEnvironmentVariable(LibraryVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            notes.Add(FaissErrors.LoaderExplicitPath(LibraryVariable, explicitPath));
            if (TryLoad(explicitPath, attempts, out var explicitHandle))
            {
                return new LoadedNativeLibrary(explicitHandle, explicitPath, notes);
            }

            throw Failure(attempts);
        }

        foreach (var fileName in ChooseFiles(notes))
        {
            foreach (var directory in SearchDirectories())
            {
                var path = Path.Combine(directory, fileName);
                if (TryLoad(path, attempts, out var handle))
                {
                    return new LoadedNativeLibrary(handle, path, notes);
                }
            }

            if (fileName == Avx2FileName)
            {
                notes.Add(FaissErrors.LoaderAvx2FallBack(attempts));
            }
        }

        throw Failure(attempts);
    }

    private static string[] ChooseFiles(List<string> notes)
    {
        var flavor = Environment.GetEnvironmentVariable(FlavorVariable)?.Trim();
        if (string.IsNullOrEmpty(flavor))
        {
            if (Avx2.IsSupported && Fma.IsSupported)
            {
                notes.Add(FaissErrors.LoaderCpuHasAvx2);
                return [Avx2FileName, GenericFileName];
            }

            notes.Add(FaissErrors.LoaderCpuLacksAvx2);
            return [GenericFileName];
        }

        if (string.Equals(flavor, "generic", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add(FaissErrors.LoaderFlavorForced(FlavorVariable, "generic"));
            return [GenericFileName];
        }

        if (string.Equals(flavor, "avx2", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add(FaissErrors.LoaderFlavorForced(FlavorVariable, "avx2"));
            return [Avx2FileName];
        }

        throw new FaissNativeLibraryException(FaissErrors.LoaderUnknownFlavor(FlavorVariable, flavor));
    }

    private static bool TryLoad(string path, List<string> attempts, out nint handle)
    {
        handle = 0;
        if (!File.Exists(path))
        {
            attempts.Add(FaissErrors.LoaderAttemptMissing(path));
            return false;
        }

        try
        {
            // NativeLibrary.Load (not TryLoad) because its exception carries the dlopen message,
            // which names the missing dependency when that is the cause.
            handle = NativeLibrary.Load(path);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            attempts.Add(FaissErrors.LoaderAttemptFailed(path, ex.Message));
            return false;
        }
    }

    /// <summary>Directories searched in order; duplicates removed.</summary>
    internal static IReadOnlyList<string> SearchDirectories()
    {
        var directories = new List<string>();
        var assemblyDirectory = AssemblyDirectory();
        var baseDirectory = AppContext.BaseDirectory;
        foreach (var root in new[] { assemblyDirectory, baseDirectory })
        {
            if (!string.IsNullOrEmpty(root))
            {
                Add(root);
                Add(Path.Combine(root, "runtimes", "linux-x64", "native"));
            }
        }

        // Where the host resolved the app's native assets (deps.json): a package reference that carries the
        // libraries under runtimes/linux-x64/native is found in the NuGet cache this way.
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string hostDirectories)
        {
            foreach (var directory in hostDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Add(directory);
            }
        }

        // A build inside the repository finds the freshly built libraries without copying them.
        for (var directory = new DirectoryInfo(assemblyDirectory ?? baseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "artifacts", "native", "linux-x64");
            if (Directory.Exists(candidate))
            {
                Add(candidate);
                break;
            }
        }

        return directories;

        void Add(string directory)
        {
            var full = Path.GetFullPath(directory);
            if (!directories.Contains(full, StringComparer.Ordinal))
            {
                directories.Add(full);
            }
        }
    }

    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "An empty location (single-file publish) is handled: AppContext.BaseDirectory is searched as well.")]
    private static string? AssemblyDirectory()
    {
        var location = typeof(NativeLibraryLoader).Assembly.Location;
        return string.IsNullOrEmpty(location) ? null : Path.GetDirectoryName(location);
    }

    private static FaissNativeLibraryException Failure(List<string> attempts) =>
        new(FaissErrors.LoaderFailed(attempts, MissingDependency(attempts), BuildCommand, RuntimeDependenciesCommand));

    private static bool MissingDependency(List<string> attempts) =>
        attempts.Exists(a => a.Contains("cannot open shared object file", StringComparison.Ordinal)
                             || a.Contains("libopenblas", StringComparison.Ordinal)
                             || a.Contains("libgomp", StringComparison.Ordinal));
}
