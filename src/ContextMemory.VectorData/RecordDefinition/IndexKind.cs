namespace ContextMemory.VectorData;

/// <summary>
/// Names of the kinds of vector index a vector property can be stored in. Each constant equals its own name.
/// </summary>
/// <remarks>
/// Providers support a subset and may accept additional provider-specific names; an unsupported name makes
/// the collection throw <see cref="NotSupportedException"/> when it is constructed.
/// </remarks>
public static class IndexKind
{
    /// <summary>
    /// Hierarchical Navigable Small World graph: approximate search, fast queries, higher memory use.
    /// </summary>
    public const string Hnsw = nameof(Hnsw);

    /// <summary>
    /// Brute-force scan over every vector: exact results, query time linear in the collection size.
    /// </summary>
    public const string Flat = nameof(Flat);

    /// <summary>
    /// Inverted file over clustered vectors: approximate search that probes only the nearest clusters; needs training data.
    /// </summary>
    public const string IvfFlat = nameof(IvfFlat);

    /// <summary>
    /// Disk-resident graph index (DiskANN) for collections larger than memory.
    /// </summary>
    public const string DiskAnn = nameof(DiskAnn);

    /// <summary>
    /// Brute-force scan over quantized (compressed) vectors: approximate scores, less memory than <see cref="Flat"/>.
    /// </summary>
    public const string QuantizedFlat = nameof(QuantizedFlat);

    /// <summary>
    /// Starts as <see cref="Flat"/> and switches to an approximate index once the collection grows large enough.
    /// </summary>
    public const string Dynamic = nameof(Dynamic);
}
