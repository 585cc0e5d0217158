using System.Globalization;
using System.Text;

namespace ContextMemory.Faiss;

/// <summary>
/// Every message the managed binding raises, in one place so that wording stays consistent and tests can
/// assert it. Native failures carry the bridge's own message instead.
/// </summary>
internal static class FaissErrors
{
    public const string GenericFailure = "A FAISS operation failed.";
    public const string GenericCorrupt = "The index data is damaged or not an index written by ContextMemory.";
    public const string GenericLoadFailure = "The native FAISS bridge could not be loaded.";
    public const string LoaderCpuHasAvx2 = "CPU supports AVX2 and FMA: trying the AVX2 build first.";
    public const string LoaderCpuLacksAvx2 = "CPU lacks AVX2 or FMA: using the generic build.";
    public const string NoVectors = "At least one vector is required.";
    public const string EmptyData = "The data is empty: it holds no index container.";

    public static string NativeFailedWithoutMessage(int status) =>
        Format($"The native FAISS bridge failed with status {status} and gave no message.");

    public static string BufferTooLarge(long size) =>
        Format($"A native buffer of {size} bytes is larger than a managed array can hold.");

    public static string BitmapTooShort(int length, long bitCount) =>
        Format($"The bitmap has {length} bytes but {bitCount} bits need {(bitCount + 7) / 8}.");

    public static string PqDimensionNotMultiple(int dimension, int m) =>
        Format($"A product quantizer with {m} sub-quantizers needs a dimension that is a multiple of {m}; {dimension} is not.");

    public static string VectorsNotMultiple(int length, int dimension) =>
        Format($"The vector buffer holds {length} floats, which is not a whole number of {dimension}-dimensional vectors.");

    public static string QueryDimension(int length, int dimension) =>
        Format($"The query has {length} floats but the index dimension is {dimension}.");

    public static string IdCountMismatch(int ids, long vectors) =>
        Format($"{ids} ids were given for {vectors} vectors; pass exactly one id per vector.");

    public static string NonFinite(long element, int dimension) =>
        Format($"Vector {element / dimension} contains NaN or infinity (component {element % dimension}); FAISS cannot index or search it.");

    public static string ReservedId(int position) =>
        Format($"The id at position {position} is -1, which FAISS reserves for \"no result\"; use any other value.");

    public static string OutputTooSmall(int length, long required) =>
        Format($"The output span holds {length} elements but {required} are needed (queries x k).");

    public static string DestinationTooSmall(int length, long required) =>
        Format($"The destination holds {length} floats but {required} are needed.");

    public static string RemoveNotSupported(string description) =>
        Format($"Remove is not supported by '{description}' indexes: an HNSW graph cannot delete vectors. Exclude deleted ids with a selector and rebuild the index to reclaim them.");

    public static string SelectorNotSupported(string description) =>
        Format($"Id selectors are not supported by '{description}' indexes (FAISS's product-quantizer search takes no selector). Use SearchSubset, or a Flat, SQ8, IVF or HNSW index.");

    public static string NotTrained(string description) =>
        Format($"The '{description}' index must be trained before vectors are added: call Train with representative vectors first.");

    public static string TooFewTrainingVectors(long count, long minimum, string description) =>
        Format($"Training a '{description}' index needs at least {minimum} vectors; {count} were given.");

    public static string UserDataTooLarge(int length, int maximum) =>
        Format($"User data of {length} bytes exceeds the limit of {maximum} bytes.");

    public static string ParameterNotApplicable(string parameter, string description) =>
        Format($"{parameter} applies only to {(parameter == "NProbe" ? "IVF" : "HNSW")} indexes, not to '{description}'.");

    public static string UnknownMetric(int value) =>
        Format($"The index reports metric {value}, which this version does not know.");

    public const string PathContainsNul = "The path contains a NUL character, which no file name can hold.";
    public const string DescriptionContainsNul = "The factory description contains a NUL character.";

    public static string SelectorFromAnotherBridge(string selectorBridge, string indexBridge) =>
        Format($"The selector was made by the bridge loaded from {selectorBridge}, but the index belongs to {indexBridge}; a selector works only with indexes of its own bridge.");

    public static string FileNotFound(string path, string detail) =>
        Format($"Could not find the index file '{path}' ({detail}).");

    public static string DirectoryNotFound(string path, string detail) =>
        Format($"Could not find the directory of '{path}' ({detail}).");

    public static string AccessDenied(string path, string detail) =>
        Format($"Access to '{path}' is denied ({detail}).");

    public static string DiskFull(string path, string detail) =>
        Format($"There is not enough space on the disk for '{path}' ({detail}).");

    public static string FileExists(string path, string detail) =>
        Format($"The file '{path}' already exists ({detail}).");

    public static string PathTooLong(string path, string detail) =>
        Format($"The path '{path}', or a name in it, is too long ({detail}).");

    public static string SymbolicLink(string path, string detail) =>
        Format($"Refused to use '{path}': index files are never read or written through a symbolic link ({detail}).");

    public static string AbiMismatch(string path, int actual, int expected) =>
        Format($"{path} implements bridge ABI version {actual}, but this binding needs version {expected}. Rebuild the bridge with eng/setup-native.sh.");

    public static string DescriptionTooLong(int length, int maximum) =>
        Format($"The factory description is {length} bytes long; the index file header holds at most {maximum}.");

    public static string LoaderExplicitPath(string variable, string path) =>
        Format($"{variable} is set: loading {path} only.");

    public static string LoaderFlavorForced(string variable, string flavor) =>
        Format($"{variable}={flavor}: loading the {flavor} build only.");

    public static string LoaderUnknownFlavor(string variable, string value) =>
        Format($"{variable}='{value}' is not a known flavour; use 'generic' or 'avx2', or unset it.");

    public static string LoaderAttemptMissing(string path) => Format($"{path}: not found");

    public static string LoaderAttemptFailed(string path, string error) => Format($"{path}: {error}");

    public static string LoaderAvx2FallBack(IEnumerable<string> attempts) =>
        "The AVX2 build could not be loaded, falling back to the generic build. Tried: " + string.Join("; ", attempts);

    public static string LoaderFailed(IReadOnlyList<string> attempts, bool missingDependency, string buildCommand, string dependenciesCommand)
    {
        var text = new StringBuilder("The native FAISS bridge (libcontextmemory_faiss) could not be loaded. Files tried:");
        foreach (var attempt in attempts)
        {
            text.Append(Environment.NewLine).Append("  - ").Append(attempt);
        }

        text.Append(Environment.NewLine);
        if (missingDependency)
        {
            text.Append("A library the bridge depends on is missing: install the runtime dependencies with `")
                .Append(dependenciesCommand).Append("`.").Append(Environment.NewLine);
        }

        text.Append("Build the bridge with `").Append(buildCommand)
            .Append("` (it writes artifacts/native/linux-x64/), or point CONTEXTMEMORY_FAISS_LIBRARY at a built library.");
        return text.ToString();
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
