namespace ContextMemory.Embeddings.Onnx;

/// <summary>The local embedding models the ONNX generator can run; both produce 384-dimensional vectors.</summary>
public enum OnnxEmbeddingModel
{
    /// <summary>
    /// Snowflake arctic-embed-xs (the default): CLS pooling; queries are prefixed with the instruction
    /// "Represent this sentence for searching relevant passages: ". The better retriever of the two on conversational memory.
    /// </summary>
    ArcticEmbedXs = 0,

    /// <summary>sentence-transformers all-MiniLM-L6-v2: mean pooling over the tokens; queries and documents are embedded alike.</summary>
    MiniLmL6 = 1,
}
