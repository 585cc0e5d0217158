using ContextMemory.Tests.Shared;
using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>Scripted text embedders that report a model id and dimensions, as the cache needs, for tests where meaning does not matter.</summary>
public static class ScriptedModels
{
    internal static ScriptedEmbeddingGenerator<string> Create(string modelId = "scripted-model", int dimensions = 8) =>
        new(ScriptedEmbeddingGenerator.Text(dimensions).Embed) { Metadata = new EmbeddingGeneratorMetadata("scripted", null, modelId, dimensions) };

    /// <summary>The vector <see cref="Create"/> gives <paramref name="text"/>.</summary>
    public static float[] Vector(string text, int dimensions = 8) => ScriptedEmbeddingGenerator.Text(dimensions).Embed(text);
}
