using ContextMemory.Embeddings.Onnx;

namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>The two real local models, loaded once for the whole test run (loading one takes about a second).</summary>
public sealed class LocalModels : IDisposable
{
    public OnnxEmbeddingGenerator Arctic { get; } = new();

    public OnnxEmbeddingGenerator MiniLm { get; } = new(new OnnxEmbeddingGeneratorOptions { Model = OnnxEmbeddingModel.MiniLmL6 });

    public OnnxEmbeddingGenerator For(OnnxEmbeddingModel model) => model == OnnxEmbeddingModel.ArcticEmbedXs ? Arctic : MiniLm;

    public void Dispose()
    {
        Arctic.Dispose();
        MiniLm.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalModelsGroup : ICollectionFixture<LocalModels>
{
    public const string Name = "local models";
}
