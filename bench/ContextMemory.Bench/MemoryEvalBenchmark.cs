using System.Globalization;
using System.Text.Json;
using ContextMemory.Bench.Support;
using ContextMemory.Embeddings.Onnx;
using ContextMemory.Evaluation;
using ContextMemory.VectorStore;

namespace ContextMemory.Bench;

/// <summary>
/// The retrieval evaluation of the memory layer with the real local model (arctic-embed-xs) over FAISS stores: every
/// standard configuration on eval/conversations.jsonl, printed as a table and as JSON lines.
/// </summary>
public sealed class MemoryEvalBenchmark : IBenchmark
{
    public string Name => "memory-eval";

    public string Description => "retrieval evaluation (recall@1/5/10, MRR) of the memory layer's configurations with the local model: --dataset eval/conversations.jsonl";

    public int Run(BenchArguments arguments)
    {
        var path = arguments.GetText("dataset", "eval/conversations.jsonl");
        arguments.EnsureAllRead();
        var dataset = EvaluationDatasetReader.ReadFileAsync(path).GetAwaiter().GetResult();
        var directory = Directory.CreateTempSubdirectory("cm-memory-eval-");
        try
        {
            using var embedder = new OnnxEmbeddingGenerator();
            var stores = 0;
            var evaluator = new RetrievalEvaluator(() => new FaissVectorStore(Path.Combine(directory.FullName, $"store{++stores}")), embedder);
            Console.WriteLine($"# memory-eval: {dataset.Turns.Count} turns, {dataset.Questions.Count} questions, {dataset.Conversations.Count} conversations; {Machine.Describe()}; load {Machine.LoadAverage()}");
            var progress = new Progress<EvaluationProgress>(p => Console.Error.Write($"\r{p.Completed}/{p.Total} {p.Configuration,-50}"));
            var results = evaluator.EvaluateAsync(dataset, EvaluationConfiguration.Standard, progress).GetAwaiter().GetResult();
            Console.Error.WriteLine();
            Console.WriteLine($"| {"configuration",-46} | {"n",3} | r@1  | r@5  | r@10 | MRR  |");
            Console.WriteLine($"|{new string('-', 48)}|-----|------|------|------|------|");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Name,-46} | {r.Questions,3} | {r.RecallAt1:0.00} | {r.RecallAt5:0.00} | {r.RecallAt10:0.00} | {r.Mrr:0.00} |"));
            }

            foreach (var r in results)
            {
                Console.WriteLine(JsonSerializer.Serialize(r));
            }

            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
