namespace ContextMemory.Faiss;

/// <summary>How an index compares vectors, and so what its search distances mean.</summary>
/// <remarks>The numeric values are those of the C ABI and of the persisted file header; never renumber them.</remarks>
public enum FaissMetric
{
    /// <summary>
    /// Raw inner product. The reported distance is the dot product: higher means closer, and the range is
    /// unbounded. Range search keeps results whose inner product is at least the radius.
    /// </summary>
    InnerProduct = 0,

    /// <summary>
    /// Euclidean distance. The reported distance is the <em>squared</em> L2 distance, as FAISS computes it:
    /// lower means closer, 0 is identical. Range search keeps results whose squared distance is below the radius.
    /// </summary>
    L2 = 1,

    /// <summary>
    /// Cosine similarity: inner product over L2-normalised vectors. The native bridge normalises both the
    /// stored vectors and the queries, so callers may pass raw vectors. The reported distance is the cosine
    /// similarity in [-1, 1]: higher means closer. A zero vector stays zero and scores 0 against everything.
    /// </summary>
    Cosine = 2,
}
