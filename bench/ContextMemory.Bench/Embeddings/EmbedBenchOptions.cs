using ContextMemory.Embeddings.Onnx;

namespace ContextMemory.Bench.Embeddings;

/// <summary>The <c>embed</c> benchmark's options.</summary>
public sealed record EmbedBenchOptions(
    OnnxEmbeddingModel[] Models, int ShortCount, int ParagraphCount, int Rounds, int BatchSize, bool Tuning, bool Cache, string Directory)
{
    public static EmbedBenchOptions Parse(BenchArguments arguments)
    {
        var models = arguments.GetText("models", "arctic,minilm").Split(',')
            .Select(m => m.Trim().ToUpperInvariant() switch
            {
                "ARCTIC" => OnnxEmbeddingModel.ArcticEmbedXs,
                "MINILM" => OnnxEmbeddingModel.MiniLmL6,
                _ => throw new ArgumentException($"unknown model '{m}' (arctic, minilm)"),
            })
            .ToArray();
        var options = new EmbedBenchOptions(
            models,
            arguments.GetInt32("short", 512),
            arguments.GetInt32("paragraphs", 64),
            arguments.GetInt32("rounds", 5),
            arguments.GetInt32("batch", 8),
            arguments.GetBool("tuning", true),
            arguments.GetBool("cache", true),
            arguments.GetText("dir", Path.Combine(Path.GetTempPath(), "cm-embed-bench")));
        arguments.EnsureAllRead();
        return options;
    }

    public int Paragraphs() => ParagraphCount;

    public IEnumerable<(string Label, string[] Texts)> TextSets()
    {
        if (ShortCount > 0)
        {
            yield return ("short texts (10-20 words)", BenchTexts.Create(ShortCount, 10, 20, seed: 1));
        }

        if (ParagraphCount > 0)
        {
            yield return ("paragraphs (80-120 words)", BenchTexts.Create(ParagraphCount, 80, 120, seed: 2));
        }
    }
}
