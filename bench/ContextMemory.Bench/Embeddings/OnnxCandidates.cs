using ContextMemory.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace ContextMemory.Bench.Embeddings;

/// <summary>
/// Implementation (b), the shipped generator (ONNX Runtime + BertTokenizer, length-bucketed batches), in the shipped
/// configuration and, for tuning, in thread and batch variants.
/// </summary>
public static class OnnxCandidates
{
    public static EmbedCandidate Shipped(OnnxEmbeddingModel model, int batchSize, int threads) =>
        Single($"ORT + BertTokenizer, bucketed, batch {batchSize}, {Threads(threads)} intra-op", model, batchSize, threads);

    public static IEnumerable<EmbedCandidate> Tuning(OnnxEmbeddingModel model, int batchSize)
    {
        yield return Single($"  variant: batch {batchSize}, 1 intra-op thread", model, batchSize, 1);
        yield return Single($"  variant: batch {batchSize * 2}, {Threads(0)} intra-op", model, batchSize * 2, 0);
        yield return Single($"  variant: batch {Math.Max(1, batchSize / 4)}, {Threads(0)} intra-op", model, Math.Max(1, batchSize / 4), 0);
        yield return Parallel(model, batchSize);
    }

    private static EmbedCandidate Single(string name, OnnxEmbeddingModel model, int batchSize, int threads)
    {
        var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { Model = model, MaxBatchSize = batchSize, IntraOpThreads = threads });
        return new EmbedCandidate(name, texts => generator.GenerateAsync(texts)) { Owned = generator };
    }

    // Data-parallel on one session: single-threaded batches, one per core at a time.
    private static EmbedCandidate Parallel(OnnxEmbeddingModel model, int batchSize)
    {
        var count = Environment.ProcessorCount;
        var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { Model = model, MaxBatchSize = batchSize, IntraOpThreads = 1, ConcurrentBatches = count });
        return new EmbedCandidate($"  variant: batch {batchSize}, 1 intra-op thread, {count} batches at once", texts => generator.GenerateAsync(texts)) { Owned = generator };
    }

    private static string Threads(int threads) => threads == 0 ? $"{Environment.ProcessorCount} (all cores)" : threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
