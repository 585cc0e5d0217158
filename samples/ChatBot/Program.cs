using ChatBot;
using ContextMemory;
using ContextMemory.Embeddings;
using ContextMemory.VectorStore;
using Microsoft.Extensions.AI;

// A console chatbot that remembers across restarts. Offline (no key): memory-only answers with the recall explained.
// With OPENAI_API_KEY: a real model, with memories recalled before each call and the memory tools offered to it.
var settings = ChatBotSettings.Parse(args, Environment.GetEnvironmentVariable, Console.Error);
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
    using var embedder = ContextMemoryEmbeddings.CreateGenerator(
        new ContextMemoryEmbeddingOptions { CachePath = Path.Combine(settings.DataDirectory, "embedding-cache.db") });
    using var store = new FaissVectorStore(Path.Combine(settings.DataDirectory, "store"));
    await using var memory = new MemoryService(store, embedder);

    var user = MemoryScope.ForUser(settings.UserId);
    var conversation = user.WithConversation($"chat-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}");
    var known = await memory.ListAsync(user, new ListOptions { Take = 1 }, cancellation.Token);
    Console.WriteLine($"ChatBot — memories of '{settings.UserId}' in {settings.DataDirectory}"
        + (known.Items.Count == 0 ? " (none yet)" : " (recalling from earlier sessions)"));

    if (settings.Offline)
    {
        Console.WriteLine("Offline memory-only mode: the local embedding model, no network. Type /quit to leave.");
        await ChatLoop.RunAsync(new MemoryOnlyResponder(memory, user, conversation), Console.In, Console.Out, echo: Console.IsInputRedirected, cancellation.Token);
    }
    else
    {
        Console.WriteLine($"Chatting through {settings.Model} at {settings.BaseUrl ?? "OpenAI"}, with memory. Type /quit to leave.");
        var clientOptions = new OpenAI.OpenAIClientOptions();
        if (settings.BaseUrl is { } baseUrl)
        {
            clientOptions.Endpoint = new Uri(baseUrl);
        }

        using var model = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(settings.ApiKey!), clientOptions)
            .GetChatClient(settings.Model).AsIChatClient();
        using var responder = new ModelResponder(model, memory, user, conversation);
        await ChatLoop.RunAsync(responder, Console.In, Console.Out, echo: Console.IsInputRedirected, cancellation.Token);
    }

    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("chatbot: cancelled; everything said so far is stored.");
    return 130;
}
#pragma warning disable CA1031 // The sample's last line of defence: one readable line, never a stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"chatbot: {e.Message}");
    return 1;
}
