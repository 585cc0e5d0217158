namespace ContextMemory.Embeddings.Onnx;

/// <summary>How a model turns its per-token hidden states into one sentence vector.</summary>
internal enum PoolingKind
{
    /// <summary>The hidden state of the first ([CLS]) token.</summary>
    Cls,

    /// <summary>The mean of the hidden states of the real (unpadded) tokens.</summary>
    Mean,
}
