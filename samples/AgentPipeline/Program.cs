using AgentPipeline;
using ContextMemory;
using ContextMemory.Embeddings;
using ContextMemory.Tools;
using ContextMemory.VectorStore;
using Microsoft.Extensions.AI;

// Three agent steps share one store through scopes. The researcher searches reference notes with the VectorData API
// and stores findings under (agent=researcher, conversation=run); the planner recalls the run's memories
// (conversation=run) and stores a plan; the writer recalls the plan with the same tool and gets the user's
// preferences (user scope) from the memory middleware.
var settings = PipelineSettings.Parse(args, Environment.GetEnvironmentVariable, Console.Error);
if (settings is null)
{
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

var temporary = settings.DataDirectory is null ? Directory.CreateTempSubdirectory("agent-pipeline-") : null;
var dataDirectory = settings.DataDirectory ?? temporary!.FullName;
try
{
    using var cancellation = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancellation.Cancel();
    };
    var token = cancellation.Token;

    using var embedder = ContextMemoryEmbeddings.CreateGenerator(
        new ContextMemoryEmbeddingOptions { CachePath = Path.Combine(dataDirectory, "embedding-cache.db") });
    using var store = new FaissVectorStore(Path.Combine(dataDirectory, "store"), new FaissVectorStoreOptions { EmbeddingGenerator = embedder });
    await using var memory = new MemoryService(store, embedder);

    // The reference notes: a plain VectorData collection beside the memories.
    var notes = store.GetCollection<Guid, ReferenceNote>("reference_notes");
    await notes.EnsureCollectionExistsAsync(token);
    if (!await notes.GetAsync(_ => true, 1, cancellationToken: token).AnyAsync(token))
    {
        await notes.UpsertAsync(ReferenceNote.Seed(), token);
    }

    var user = MemoryScope.ForUser(settings.UserId);
    if ((await memory.ListAsync(user, new ListOptions { Take = 1 }, token)).Items.Count == 0)
    {
        await memory.RememberManyAsync(user, [
            new NewMemory { Text = $"{settings.UserId} is vegetarian.", Importance = 0.9 },
            new NewMemory { Text = $"{settings.UserId} prefers walking tours to bus tours.", Importance = 0.7 },
            new NewMemory { Text = $"{settings.UserId} is afraid of heights.", Importance = 0.8 },
        ], token);
    }

    var run = MemoryScope.ForConversation(settings.RunId);
    Console.WriteLine($"Agent pipeline, run '{settings.RunId}' for '{settings.UserId}' in {dataDirectory} ({(settings.Offline ? "offline, scripted models" : settings.Model)})");
    Console.WriteLine();
    const string Task = "Plan a three-day trip to Lisbon.";

    // Researcher: the VectorData API finds the notes; the model keeps the useful ones as findings of this run.
    var found = new List<string>();
    await foreach (var hit in notes.SearchAsync("sights and food in Lisbon for a vegetarian who likes walking", 4, new() { Filter = n => n.City == "lisbon" }, token))
    {
        Console.WriteLine($"[researcher] searched reference_notes: {hit.Score:F3}  {hit.Record.Text}");
        found.Add(hit.Record.Text);
    }

    var researcherScope = MemoryScope.ForAgent("researcher").WithConversation(settings.RunId);
    await Step("researcher", Writes(researcherScope), "Keep the reference notes that matter for the task as findings (remember, one per note).")
        .RunAsync($"{Task}\nReference notes:\n{string.Join('\n', found.Select(f => "- " + f))}", Console.Out, token);

    // Planner: recalls everything this run has stored so far, stores its plan.
    var plannerScope = MemoryScope.ForAgent("planner").WithConversation(settings.RunId);
    await Step("planner", [.. Reads(run), .. Writes(plannerScope)], "Recall this run's findings, then remember one plan built from them.")
        .RunAsync(Task, Console.Out, token);

    // Writer: recalls the plan; the middleware adds the user's preferences to every call.
    using var writerModel = Model("writer").AsBuilder().UseContextMemory(memory, user).Build();
    await new PipelineStep("writer", writerModel, Reads(run), "Recall the plan and write the itinerary for the user, respecting what you know about them.")
        .RunAsync($"Write {settings.UserId}'s itinerary for the trip to Lisbon.", Console.Out, token);
    return 0;

    PipelineStep Step(string name, IReadOnlyList<AITool> tools, string instructions) => new(name, Model(name), tools, instructions);

    IReadOnlyList<AITool> Reads(MemoryScope scope) => [.. MemoryTools.Create(memory, scope).Where(t => t.Name == MemoryToolNames.Recall)];

    IReadOnlyList<AITool> Writes(MemoryScope scope) => [.. MemoryTools.Create(memory, scope).Where(t => t.Name == MemoryToolNames.Remember)];

    IChatClient Model(string role)
    {
        if (settings.Offline)
        {
            return new ScriptedAgentModel(role, settings.UserId);
        }

        var options = new OpenAI.OpenAIClientOptions();
        if (settings.BaseUrl is { } baseUrl)
        {
            options.Endpoint = new Uri(baseUrl);
        }

        return new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(settings.ApiKey!), options).GetChatClient(settings.Model).AsIChatClient();
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("agent-pipeline: cancelled.");
    return 130;
}
#pragma warning disable CA1031 // The sample's last line of defence: one readable line, never a stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"agent-pipeline: {e.Message}");
    return 1;
}
finally
{
    temporary?.Delete(recursive: true);
}
