using ContextMemory.Bench.Embeddings;
using ContextMemory.Bench.Support;
using ContextMemory.Embeddings.Onnx;

namespace ContextMemory.Bench;

/// <summary>
/// Local embedding throughput: the SentenceTransformers package's encoder against the shipped ONNX Runtime +
/// BertTokenizer generator over the same model file, for both models, on short texts and paragraphs; then the cached
/// pipeline over the shipped generator, cold (every text new) and warm (every text cached).
/// </summary>
public sealed class EmbedBenchmark : IBenchmark
{
    public string Name => "embed";

    public string Description => "local embedders: texts/s, package encoder vs ORT + BertTokenizer, both models, short/paragraph, cold/cached (options: --models --short --paragraphs --rounds --batch --tuning --cache --dir)";

    public int Run(BenchArguments arguments)
    {
        var options = EmbedBenchOptions.Parse(arguments);
        Console.WriteLine($"Embedding benchmark: {options.ShortCount} short texts (10-20 words), {options.Paragraphs()} paragraphs (80-120 words); median of {options.Rounds} rounds, candidates interleaved (order rotated each round)");
        Console.WriteLine($"Machine: {Machine.Describe()}");
        Console.WriteLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load {Machine.LoadAverage()}");
        foreach (var model in options.Models)
        {
            RunModel(model, options).GetAwaiter().GetResult();
        }

        if (options.Cache)
        {
            CachedPipelineFigures.Run(options).GetAwaiter().GetResult();
        }

        Console.WriteLine($"load at the end {Machine.LoadAverage()}");
        return 0;
    }

    private static async Task RunModel(OnnxEmbeddingModel model, EmbedBenchOptions options)
    {
        foreach (var (label, texts) in options.TextSets())
        {
            var candidates = new List<EmbedCandidate>
            {
                PackageEncoders.Create(model, options.BatchSize),
                OnnxCandidates.Shipped(model, options.BatchSize),
            };
            if (options.Tuning)
            {
                candidates.AddRange(OnnxCandidates.Tuning(model, options.BatchSize));
            }

            try
            {
                await Interleave(candidates, texts, options.Rounds);
                Report(model, label, candidates);
            }
            finally
            {
                candidates.ForEach(c => c.Dispose());
            }
        }
    }

    private static async Task Interleave(List<EmbedCandidate> candidates, string[] texts, int rounds)
    {
        foreach (var candidate in candidates)
        {
            await candidate.WarmAsync(texts[..Math.Min(texts.Length, 64)]);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                await candidates[(i + round) % candidates.Count].MeasureAsync(texts);
            }
        }
    }

    private static void Report(OnnxEmbeddingModel model, string label, List<EmbedCandidate> candidates)
    {
        var baseline = candidates[0].MedianTextsPerSecond;
        Console.WriteLine();
        Console.WriteLine($"== {model}, {label} (load {Machine.LoadAverage()})");
        Console.WriteLine($"| {"implementation",-62} | texts/s | CPU ms/text | vs package |");
        Console.WriteLine($"|{new string('-', 64)}|--------:|------------:|-----------:|");
        foreach (var candidate in candidates)
        {
            Console.WriteLine($"| {candidate.Name,-62} | {candidate.MedianTextsPerSecond,7:F1} | {candidate.MedianCpuMillisecondsPerText,11:F2} | {candidate.MedianTextsPerSecond / baseline,9:F2}x |");
        }
    }
}
