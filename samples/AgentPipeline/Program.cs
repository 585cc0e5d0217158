using AgentPipeline;
using ContextMemory;
using ContextMemory.Embeddings;
using ContextMemory.VectorStore;
using Microsoft.Extensions.AI;

// Three agent steps — researcher, planner, writer — work on one task and share one store through scopes. Offline (no
// key) each step is a scripted model that still calls the tools through function invocation; with OPENAI_API_KEY a
// real model plays each step with the same instructions and tools.
var settings = PipelineSettings.Parse(args, Environment.GetEnvironmentVariable, Console.Error);
if (settings is null)
{
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    Directory.CreateDirectory(settings.DataDirectory);
    using (var embedder = ContextMemoryEmbeddings.CreateGenerator(
        new ContextMemoryEmbeddingOptions { CachePath = Path.Combine(settings.DataDirectory, "embedding-cache.db") }))
    using (var store = new FaissVectorStore(Path.Combine(settings.DataDirectory, "store"), new FaissVectorStoreOptions { EmbeddingGenerator = embedder }))
    {
        await using var memory = new MemoryService(store, embedder);
        Console.WriteLine($"AgentPipeline — run '{settings.RunId}', user '{settings.UserId}', store in {settings.DataDirectory}"
            + (settings.DeleteDataDirectory ? " (temporary)" : ""));
        Console.WriteLine(settings.Offline
            ? "Offline: each step is a scripted model; the tools, the store and the local embedding model are real."
            : $"Each step is played by {settings.Model} at {settings.BaseUrl ?? "OpenAI"}.");
        Console.WriteLine($"task: {settings.Task}");

        var user = MemoryScope.ForUser(settings.UserId);
        await UserProfile.SeedAsync(memory, user, Console.Out, cancellation.Token);
        var library = await ReferenceLibrary.OpenAsync(store, Console.Out, cancellation.Token);

        Func<string, IChatClient> models = settings.Offline
            ? step => new ScriptedAgentModel(step)
            : _ => OpenAIModel(settings);
        await new PipelineRunner(memory, library, models).RunAsync(settings.Task, settings.RunId, user, Console.Out, cancellation.Token);
    }

    Console.WriteLine();
    Console.WriteLine($"done: run '{settings.RunId}' finished.");
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("agentpipeline: cancelled.");
    return 130;
}
#pragma warning disable CA1031 // The sample's last line of defence: one readable line, never a stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"agentpipeline: {e.Message}");
    return 1;
}
finally
{
    if (settings.DeleteDataDirectory && Directory.Exists(settings.DataDirectory))
    {
        Directory.Delete(settings.DataDirectory, recursive: true);
    }
}

static IChatClient OpenAIModel(PipelineSettings settings)
{
    var clientOptions = new OpenAI.OpenAIClientOptions();
    if (settings.BaseUrl is { } baseUrl)
    {
        clientOptions.Endpoint = new Uri(baseUrl);
    }

    return new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(settings.ApiKey!), clientOptions)
        .GetChatClient(settings.Model).AsIChatClient();
}
