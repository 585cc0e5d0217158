using ContextMemory.Embeddings.Onnx;

namespace ContextMemory.Tests.Support;

/// <summary>The real local embedding model (arctic-embed-xs), loaded once for the tests that depend on meaning.</summary>
public sealed class LocalModel : IDisposable
{
    public OnnxEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LocalModelGroup : ICollectionFixture<LocalModel>
{
    public const string Name = "local model";
}
