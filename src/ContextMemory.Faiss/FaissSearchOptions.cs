namespace ContextMemory.Faiss;

/// <summary>Per-call search settings. Unset values use the index's defaults (<see cref="FaissIndex.EfSearch"/>, <see cref="FaissIndex.NProbe"/>).</summary>
/// <remarks>
/// A plain settings object: it may be reused across calls and threads as long as nobody mutates it while a
/// search that uses it is running.
/// </remarks>
public sealed class FaissSearchOptions
{
    /// <summary>
    /// Restricts results to the ids the selector accepts (the filter runs inside the search, so k results come
    /// back whenever k accepted ids exist). Not supported by product-quantizer indexes
    /// (<see cref="IndexSpec.SupportsSelector"/>); the index throws <see cref="NotSupportedException"/>.
    /// </summary>
    public FaissIdSelector? Selector { get; set; }

    /// <summary>HNSW candidate list size for this call (at least 1). Ignored by other kinds.</summary>
    public int? EfSearch { get; set; }

    /// <summary>IVF lists probed for this call (at least 1). Ignored by other kinds.</summary>
    public int? NProbe { get; set; }
}
