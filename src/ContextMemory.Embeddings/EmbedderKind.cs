namespace ContextMemory.Embeddings;

/// <summary>Which embedder produces the vectors.</summary>
public enum EmbedderKind
{
    /// <summary>The local ONNX model (arctic-embed-xs by default): no key, no network. The default.</summary>
    Onnx = 0,

    /// <summary>OpenAI's embeddings API or any OpenAI-compatible endpoint.</summary>
    OpenAI = 1,
}
