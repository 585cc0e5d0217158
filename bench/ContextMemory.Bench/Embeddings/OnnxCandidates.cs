using ContextMemory.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace ContextMemory.Bench.Embeddings;

/// <summary>
/// Implementation (b), the shipped generator (ONNX Runtime + BertTokenizer, length-bucketed batches), in the shipped
/// configuration and, for tuning, in thread and batch variants.
/// </summary>
public static class OnnxCandidates
{
    public static EmbedCandidate Shipped(OnnxEmbeddingModel model, int batchSize) =>
        Single($"ORT + BertTokenizer, bucketed, batch {batchSize}, 1 intra-op thread, {Environment.ProcessorCount} batches at once (shipped)", model, new() { Model = model, MaxBatchSize = batchSize });

    public static IEnumerable<EmbedCandidate> Tuning(OnnxEmbeddingModel model, int batchSize)
    {
        var cores = Environment.ProcessorCount;
        yield return Single($"  variant: batch {batchSize}, {cores} intra-op threads, 1 batch at a time", model, new() { Model = model, MaxBatchSize = batchSize, IntraOpThreads = 0, ConcurrentBatches = 1 });
        yield return Single($"  variant: batch {batchSize}, 1 intra-op thread, 1 batch at a time", model, new() { Model = model, MaxBatchSize = batchSize, ConcurrentBatches = 1 });
        foreach (var size in new[] { 2, 32 }.Where(s => s != batchSize))
        {
            yield return Single($"  variant: batch {size}, 1 intra-op thread, {cores} batches at once", model, new() { Model = model, MaxBatchSize = size });
        }
    }

    private static EmbedCandidate Single(string name, OnnxEmbeddingModel model, OnnxEmbeddingGeneratorOptions options)
    {
        var generator = new OnnxEmbeddingGenerator(options);
        return new EmbedCandidate(name, texts => generator.GenerateAsync(texts)) { Owned = generator };
    }
}
