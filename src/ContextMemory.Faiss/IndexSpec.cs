using System.Globalization;
using System.Text.RegularExpressions;

namespace ContextMemory.Faiss;

/// <summary>
/// An immutable description of the FAISS index to build: its kind, the FAISS factory string and the
/// parameters of that kind. Create instances with the factory methods; they validate their arguments.
/// </summary>
/// <remarks>Instances are immutable and safe to share across threads.</remarks>
public sealed partial class IndexSpec
{
    /// <summary>Largest HNSW <c>M</c> accepted; FAISS's graph memory grows linearly with it.</summary>
    public const int MaxHnswM = 256;

    /// <summary>Longest factory description (UTF-8 bytes) the index file header can hold.</summary>
    public const int MaxDescriptionLength = 159;

    /// <summary>Largest product-quantizer code size in bits; training needs 2^bits points per sub-quantizer.</summary>
    public const int MaxPqBits = 16;

    private IndexSpec(FaissIndexKind kind, string description, int m = 0, int bits = 0, int efConstruction = 0, int efSearch = 0, int nlist = 0, int nprobe = 0)
    {
        Kind = kind;
        FactoryDescription = description;
        M = m;
        Bits = bits;
        EfConstruction = efConstruction;
        EfSearch = efSearch;
        NList = nlist;
        NProbe = nprobe;
    }

    /// <summary>The index family.</summary>
    public FaissIndexKind Kind { get; }

    /// <summary>The FAISS <c>index_factory</c> description passed to the bridge (for example <c>HNSW32</c>, <c>IVF256,Flat</c>).</summary>
    public string FactoryDescription { get; }

    /// <summary>
    /// Whether <see cref="FaissIndex.Train(ReadOnlySpan{float})"/> must run before vectors are added. For
    /// <see cref="FaissIndexKind.Custom"/> specs this is inferred from the description; <see cref="FaissIndex.IsTrained"/>
    /// is authoritative.
    /// </summary>
    public bool RequiresTraining => Kind switch
    {
        FaissIndexKind.Flat or FaissIndexKind.Hnsw => false,
        FaissIndexKind.IvfFlat or FaissIndexKind.ScalarQuantized8 or FaissIndexKind.ProductQuantized => true,
        _ => TrainedComponent().IsMatch(FactoryDescription),
    };

    /// <summary>
    /// Whether ids can be removed. HNSW graphs cannot remove vectors (callers tombstone and rebuild instead).
    /// For <see cref="FaissIndexKind.Custom"/> specs this is inferred; <see cref="FaissIndex.SupportsRemove"/> is authoritative.
    /// </summary>
    public bool SupportsRemove => Kind switch
    {
        FaissIndexKind.Hnsw => false,
        FaissIndexKind.Custom => !GraphComponent().IsMatch(FactoryDescription),
        _ => true,
    };

    /// <summary>
    /// Whether searches accept an id selector (<see cref="FaissSearchOptions.Selector"/>). FAISS 1.7.3 honours
    /// selectors in flat, scalar-quantized, IVF and HNSW searches, but not in the product-quantizer search.
    /// </summary>
    public bool SupportsSelector => Kind != FaissIndexKind.ProductQuantized;

    /// <summary>HNSW: neighbours per node (FAISS's <c>M</c>). Product quantizer: number of sub-quantizers. Otherwise 0.</summary>
    public int M { get; }

    /// <summary>Product quantizer: bits per sub-quantizer code. Otherwise 0.</summary>
    public int Bits { get; }

    /// <summary>HNSW: candidate list size while building. Otherwise 0.</summary>
    public int EfConstruction { get; }

    /// <summary>HNSW: default candidate list size while searching (higher is more exact and slower). Otherwise 0.</summary>
    public int EfSearch { get; }

    /// <summary>IVF: number of inverted lists (centroids). Otherwise 0.</summary>
    public int NList { get; }

    /// <summary>IVF: default number of lists probed per query (higher is more exact and slower). Otherwise 0.</summary>
    public int NProbe { get; }

    /// <summary>Exact search over full-precision vectors. Supports remove and selectors; no training.</summary>
    /// <returns>The spec.</returns>
    public static IndexSpec Flat() => new(FaissIndexKind.Flat, "Flat");

    /// <summary>An HNSW graph over full-precision vectors. No training; cannot remove.</summary>
    /// <param name="m">Neighbours per node, 2 to <see cref="MaxHnswM"/>. 32 is a good default; 16 saves memory.</param>
    /// <param name="efConstruction">Build-time candidate list size, at least 1. Higher builds slower and better graphs.</param>
    /// <param name="efSearch">Default search-time candidate list size, at least 1 (clamped up to k by FAISS).</param>
    /// <returns>The spec.</returns>
    public static IndexSpec Hnsw(int m = 32, int efConstruction = 40, int efSearch = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, MaxHnswM);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(efConstruction);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(efSearch);
        return new(FaissIndexKind.Hnsw, Invariant($"HNSW{m}"), m: m, efConstruction: efConstruction, efSearch: efSearch);
    }

    /// <summary>An inverted file over full-precision vectors. Needs training with at least <paramref name="nlist"/> vectors.</summary>
    /// <param name="nlist">Number of lists; about 4-16 x sqrt(N) for N vectors.</param>
    /// <param name="nprobe">Default lists probed per query, at least 1 (FAISS caps it at <paramref name="nlist"/>).</param>
    /// <returns>The spec.</returns>
    public static IndexSpec IvfFlat(int nlist, int nprobe = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nlist);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nprobe);
        return new(FaissIndexKind.IvfFlat, Invariant($"IVF{nlist},Flat"), nlist: nlist, nprobe: nprobe);
    }

    /// <summary>An 8-bit scalar quantizer: exhaustive search over codes a quarter the size of the vectors. Needs training.</summary>
    /// <returns>The spec.</returns>
    public static IndexSpec ScalarQuantized8() => new(FaissIndexKind.ScalarQuantized8, "SQ8");

    /// <summary>A product quantizer. Needs training with at least 2^<paramref name="bits"/> vectors; the dimension must be a multiple of <paramref name="m"/>.</summary>
    /// <param name="m">Number of sub-quantizers (bytes per vector at 8 bits).</param>
    /// <param name="bits">Bits per sub-quantizer code, 1 to <see cref="MaxPqBits"/>.</param>
    /// <returns>The spec.</returns>
    public static IndexSpec ProductQuantized(int m, int bits = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxPqBits);
        // "np": FAISS's factory otherwise runs polysemous training, a simulated-annealing pass that only
        // serves Hamming-filtered search (unused here) and dominates training time (~40 s for PQ16x8).
        return new(FaissIndexKind.ProductQuantized, Invariant($"PQ{m}x{bits}np"), m: m, bits: bits);
    }

    /// <summary>
    /// A spec from a FAISS <c>index_factory</c> description. Descriptions of the kinds modelled here
    /// (<c>Flat</c>, <c>HNSW32</c>, <c>IVF100,Flat</c>, <c>SQ8</c>, <c>PQ16x8np</c>) map to them, with default search parameters;
    /// anything else becomes <see cref="FaissIndexKind.Custom"/> and is validated by FAISS when the index is created.
    /// </summary>
    /// <param name="description">The factory description, without the metric.</param>
    /// <returns>The spec.</returns>
    public static IndexSpec Factory(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (description.Contains('\0', StringComparison.Ordinal))
        {
            // C would read the description only up to the NUL, and build another index than the one named.
            throw new ArgumentException(FaissErrors.DescriptionContainsNul, nameof(description));
        }

        var trimmed = description.Trim();
        var length = System.Text.Encoding.UTF8.GetByteCount(trimmed);
        if (length > MaxDescriptionLength)
        {
            throw new ArgumentException(FaissErrors.DescriptionTooLong(length, MaxDescriptionLength), nameof(description));
        }

        return Parse(trimmed);
    }

    /// <inheritdoc />
    public override string ToString() => FactoryDescription;

    /// <summary>Maps a description (as given, or as read back from a file) to the kind it names.</summary>
    internal static IndexSpec Parse(string description)
    {
        if (description == "Flat")
        {
            return Flat();
        }

        if (description == "SQ8")
        {
            return ScalarQuantized8();
        }

        var match = HnswPattern().Match(description);
        if (match.Success && TryInt(match.Groups[1].Value, out var m) && m is >= 2 and <= MaxHnswM)
        {
            return Hnsw(m);
        }

        match = IvfPattern().Match(description);
        if (match.Success && TryInt(match.Groups[1].Value, out var nlist) && nlist > 0)
        {
            return IvfFlat(nlist);
        }

        match = PqPattern().Match(description);
        if (match.Success && TryInt(match.Groups[1].Value, out var pqM) && pqM > 0)
        {
            var bits = 8;
            if (!match.Groups[2].Success || (TryInt(match.Groups[2].Value, out bits) && bits is > 0 and <= MaxPqBits))
            {
                return ProductQuantized(pqM, bits);
            }
        }

        return new(FaissIndexKind.Custom, description);
    }

    /// <summary>A copy with new default search parameters (only those that apply to the kind are kept).</summary>
    internal IndexSpec WithSearchDefaults(int efConstruction, int efSearch, int nprobe) => Kind switch
    {
        FaissIndexKind.Hnsw => new(Kind, FactoryDescription, m: M, efConstruction: efConstruction > 0 ? efConstruction : EfConstruction, efSearch: efSearch > 0 ? efSearch : EfSearch),
        FaissIndexKind.IvfFlat => new(Kind, FactoryDescription, nlist: NList, nprobe: nprobe > 0 ? nprobe : NProbe),
        _ => this,
    };

    /// <summary>Throws when the spec cannot be built at this dimension.</summary>
    internal void ValidateFor(int dimension, string paramName)
    {
        if (Kind == FaissIndexKind.ProductQuantized && dimension % M != 0)
        {
            throw new ArgumentException(FaissErrors.PqDimensionNotMultiple(dimension, M), paramName);
        }
    }

    /// <summary>The fewest training vectors FAISS accepts for this kind (0 when training is not needed).</summary>
    internal long MinimumTrainingVectors => Kind switch
    {
        FaissIndexKind.IvfFlat => NList,
        FaissIndexKind.ProductQuantized => 1L << Bits,
        FaissIndexKind.ScalarQuantized8 => 1,
        _ => 0,
    };

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^HNSW(\d{1,4})(,Flat)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HnswPattern();

    [GeneratedRegex(@"^IVF(\d{1,9}),Flat$", RegexOptions.CultureInvariant)]
    private static partial Regex IvfPattern();

    [GeneratedRegex(@"^PQ(\d{1,5})(?:x(\d{1,2}))?np$", RegexOptions.CultureInvariant)]
    private static partial Regex PqPattern();

    [GeneratedRegex(@"IVF|PQ|SQ|RQ|LSQ|PCA|ITQ|OPQ|LSHt", RegexOptions.CultureInvariant)]
    private static partial Regex TrainedComponent();

    [GeneratedRegex(@"HNSW|NSG", RegexOptions.CultureInvariant)]
    private static partial Regex GraphComponent();
}
