using ContextMemory.Embeddings;
using ContextMemory.VectorStore;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

// Remember in one process run, recall in the next: `ConsumerApp DIR remember TEXT...` then `ConsumerApp DIR recall QUERY`.
var directory = args[0];
using var embedder = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions());
using var store = new FaissVectorStore(directory, new FaissVectorStoreOptions { EmbeddingGenerator = embedder });
using var memories = new TextSearchStore<string>(store, "memories", 384);

if (args[1] == "remember")
{
    await memories.UpsertTextAsync(args[2..]);
    Console.WriteLine($"remembered {args.Length - 2}");
    return;
}

var kernel = new Kernel();
kernel.Plugins.Add(memories.CreateWithSearch("Memory"));
var result = await kernel.InvokeAsync("Memory", "Search", new KernelArguments { ["query"] = args[2], ["count"] = 1 });
foreach (var text in result.GetValue<IEnumerable<string>>() ?? [])
{
    Console.WriteLine(text);
}
