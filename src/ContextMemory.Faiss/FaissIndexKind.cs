namespace ContextMemory.Faiss;

/// <summary>The family of FAISS index an <see cref="IndexSpec"/> describes.</summary>
public enum FaissIndexKind
{
    /// <summary>A FAISS factory description this binding does not model; capabilities are inferred from it.</summary>
    Custom = 0,

    /// <summary>Exact brute-force search over full-precision vectors (<c>Flat</c>).</summary>
    Flat = 1,

    /// <summary>Hierarchical navigable small-world graph (<c>HNSWm</c>): fast approximate search, no removal.</summary>
    Hnsw = 2,

    /// <summary>Inverted file over full vectors (<c>IVFn,Flat</c>): needs training, probes <c>nprobe</c> of <c>nlist</c> lists.</summary>
    IvfFlat = 3,

    /// <summary>8-bit scalar quantizer (<c>SQ8</c>): a quarter of the memory, exhaustive search, needs training.</summary>
    ScalarQuantized8 = 4,

    /// <summary>Product quantizer (<c>PQmxbitsnp</c>, without polysemous training): compact codes, exhaustive search, needs training.</summary>
    ProductQuantized = 5,
}
