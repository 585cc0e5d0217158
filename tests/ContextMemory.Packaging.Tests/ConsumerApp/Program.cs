using ContextMemory;
using ContextMemory.Embeddings;
using ContextMemory.Tools;
using ContextMemory.VectorStore;
using Microsoft.SemanticKernel;

// Remember in one process run, recall in the next, through the memory plugin on a Kernel:
// `ConsumerApp DIR remember TEXT...` then `ConsumerApp DIR recall QUERY`.
var directory = args[0];
using var embedder = ContextMemoryEmbeddings.CreateGenerator(new ContextMemoryEmbeddingOptions());
using var store = new FaissVectorStore(directory);
await using var memory = new MemoryService(store, embedder);

var builder = Kernel.CreateBuilder();
builder.Plugins.AddContextMemoryPlugin(memory, MemoryScope.ForUser("ada"));
var kernel = builder.Build();

if (args[1] == "remember")
{
    foreach (var text in args[2..])
    {
        var stored = await kernel.InvokeAsync("memory", "remember", new KernelArguments { ["text"] = text });
        Console.WriteLine(stored.GetValue<MemoryToolResult>()!.Status);
    }

    return;
}

var recalled = await kernel.InvokeAsync("memory", "recall", new KernelArguments { ["query"] = args[2], ["limit"] = 1 });
Console.WriteLine(recalled.GetValue<MemoryToolResult>()!.Memories![0].Text);
