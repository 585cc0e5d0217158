namespace ContextMemory;

/// <summary>Where recall takes its candidates from.</summary>
public enum RetrievalMode
{
    /// <summary>Vector candidates, plus keyword candidates when the collection implements <c>IKeywordHybridSearchable</c> (else vector only).</summary>
    Hybrid,

    /// <summary>Vector candidates only.</summary>
    Vector,

    /// <summary>
    /// Keyword candidates only: the collection's keyword-hybrid ranking (for <c>FaissVectorStore</c>, BM25 fused with
    /// the vector ranking by the store); requires <c>IKeywordHybridSearchable</c>, else falls back to vector.
    /// </summary>
    Keyword,
}
