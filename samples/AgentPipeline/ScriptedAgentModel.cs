using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// An offline stand-in for a real model, one per step. Like a model with tools it answers a turn in rounds: first
/// it asks for tool calls (recall, remember), then, once the function-invoking client has run them and sent back their
/// results, it writes its reply from those results. It reads only what a model would see: the messages.
/// </summary>
internal sealed class ScriptedAgentModel(string role, string userId) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = messages.ToList();
        var results = ToolResults.ThisTurn(request);
        var task = request.Last(m => m.Role == ChatRole.User).Text;
        var reply = role switch
        {
            "researcher" => Researcher(task, results),
            "planner" => Planner(task, results),
            _ => Writer(request, results),
        };
        return Task.FromResult(new ChatResponse(reply));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    // The researcher was given the reference notes in its prompt: it keeps the two most relevant as findings.
    private static ChatMessage Researcher(string task, List<FunctionResultContent> results)
    {
        if (results.Count > 0)
        {
            return Text($"Stored {results.Count} findings for the planner.");
        }

        var notes = task.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Take(2).Select(l => l[2..]).ToList();
        return Calls([.. notes.Select(n => ("remember", new Dictionary<string, object?> { ["text"] = "Finding: " + n, ["importance"] = 0.6 }))]);
    }

    // The planner recalls the run's findings, then stores a plan built from them.
    private static ChatMessage Planner(string task, List<FunctionResultContent> results)
    {
        if (results.Count == 0)
        {
            return Calls(("recall", new Dictionary<string, object?> { ["query"] = task, ["limit"] = 5 }));
        }

        if (results.Count == 1)
        {
            var findings = ToolResults.Recalled(results[0]).Select(r => r.Text.Replace("Finding: ", "", StringComparison.Ordinal)).ToList();
            var plan = "Plan: day 1 — " + (findings.ElementAtOrDefault(0) ?? "explore on foot") + " Day 2 — " +
                (findings.ElementAtOrDefault(1) ?? "a day trip") + " Day 3 — free time.";
            return Calls(("remember", new Dictionary<string, object?> { ["text"] = plan, ["importance"] = 0.8 }));
        }

        return Text("The plan is stored for the writer.");
    }

    // The writer recalls the plan; the user's preferences arrive through the memory middleware's system message.
    private ChatMessage Writer(List<ChatMessage> request, List<FunctionResultContent> results)
    {
        if (results.Count == 0)
        {
            return Calls(("recall", new Dictionary<string, object?> { ["query"] = "the trip plan", ["limit"] = 3 }));
        }

        var plan = ToolResults.Recalled(results[0]).Select(r => r.Text).FirstOrDefault(t => t.StartsWith("Plan:", StringComparison.Ordinal)) ?? "(no plan found)";
        var preferences = request.Where(m => m.Role == ChatRole.System).SelectMany(m => m.Text.Split('\n')).Where(l => l.StartsWith("- (", StringComparison.Ordinal));
        return Text($"Itinerary for {userId}: {plan}\nWith your preferences in mind:\n{string.Join('\n', preferences)}");
    }

    private static ChatMessage Text(string text) => new(ChatRole.Assistant, text);

    private static ChatMessage Calls(params (string Name, Dictionary<string, object?> Arguments)[] calls) =>
        new(ChatRole.Assistant, [.. calls.Select(c => (AIContent)new FunctionCallContent($"call-{Guid.NewGuid():N}", c.Name, c.Arguments))]);
}
