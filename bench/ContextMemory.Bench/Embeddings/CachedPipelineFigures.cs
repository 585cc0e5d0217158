using ContextMemory.Bench.Support;
using ContextMemory.Embeddings;
using ContextMemory.Embeddings.Caching;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace ContextMemory.Bench.Embeddings;

/// <summary>
/// The pipeline as shipped (<see cref="ContextMemoryEmbeddings.CreateGenerator(ContextMemoryEmbeddingOptions, Microsoft.Extensions.Logging.ILoggerFactory?)"/>
/// with a cache path, default arctic model): cold = a fresh cache file, every text new (lookup + embed + store);
/// warm = the same texts again, every one a hit. The bare generator runs in the same rounds as the baseline.
/// </summary>
public static class CachedPipelineFigures
{
    public static async Task Run(EmbedBenchOptions options)
    {
        Directory.CreateDirectory(options.Directory);
        using var bare = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { MaxBatchSize = options.BatchSize });
        foreach (var (label, texts) in options.TextSets())
        {
            var baseline = new EmbedCandidate("generator, no cache", t => bare.GenerateAsync(t));
            var cold = new List<double>();
            var warm = new List<double>();
            var hits = 0L;
            await baseline.WarmAsync(texts[..Math.Min(texts.Length, 64)]);
            for (var round = 0; round < options.Rounds; round++)
            {
                await baseline.MeasureAsync(texts);
                var path = Path.Combine(options.Directory, $"cache-{round}.db");
                using (var cached = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions { MaxBatchSize = options.BatchSize, CachePath = path }))
                {
                    cold.Add(await TextsPerSecond(cached, texts));
                    warm.Add(await TextsPerSecond(cached, texts));
                    hits = cached.GetService<EmbeddingCacheStatistics>()!.Hits;
                }

                SqliteConnection.ClearAllPools();
                foreach (var file in Directory.GetFiles(options.Directory, $"cache-{round}.db*"))
                {
                    File.Delete(file);
                }
            }

            Console.WriteLine();
            Console.WriteLine($"== cached pipeline (arctic-embed-xs, ORT + BertTokenizer), {label} (load {Machine.LoadAverage()})");
            Console.WriteLine("| pipeline | texts/s | vs no cache |");
            Console.WriteLine("|---|--:|--:|");
            Console.WriteLine($"| generator, no cache | {baseline.MedianTextsPerSecond:F1} | 1.00x |");
            Console.WriteLine($"| cached, cold (all new) | {Median(cold):F1} | {Median(cold) / baseline.MedianTextsPerSecond:F2}x |");
            Console.WriteLine($"| cached, warm (all hits: {hits} of {texts.Length}) | {Median(warm):F0} | {Median(warm) / baseline.MedianTextsPerSecond:F0}x |");
        }
    }

    private static async Task<double> TextsPerSecond(IEmbeddingGenerator<string, Embedding<float>> generator, string[] texts)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await generator.GenerateAsync(texts);
        return texts.Length / System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
