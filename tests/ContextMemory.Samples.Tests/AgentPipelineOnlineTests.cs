using System.Text.Json.Nodes;

namespace ContextMemory.Samples.Tests;

/// <summary>
/// The agent pipeline with an API key, run as a real process against an OpenAI-compatible endpoint on the loopback
/// interface that plays the three models: each step is offered its own tools in OpenAI's wire format, the tool results
/// come from the real store, and only the writer's requests carry the user's preferences.
/// </summary>
public sealed class AgentPipelineOnlineTests : IDisposable
{
    private const string Finding = "Finding for Lisbon (food): the Time Out Market gathers many food stalls.";
    private readonly TemporaryDirectory _data = new("agent-pipeline-online-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Each_model_gets_its_steps_tools_and_the_run_shares_what_the_models_remember()
    {
        using var server = new FakeOpenAIServer((body, _) => Play(body));

        var result = await DotnetProcess.RunAsync(
            ["exec", SampleProgram.Metadata("AgentPipeline"), "--data-dir", _data.Path, "--run", "online-1"],
            environment: new Dictionary<string, string?>
            {
                ["OPENAI_API_KEY"] = "test-key",
                ["OPENAI_BASE_URL"] = server.BaseUrl,
                ["OPENAI_CHAT_MODEL"] = "scripted",
            });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Each step is played by scripted at", result.Output, StringComparison.Ordinal);
        var requests = server.Requests;
        Assert.Equal(["search_notes", "remember"], ToolNames(Of(requests, "researcher")[0]));
        Assert.Equal(["recall", "remember"], ToolNames(Of(requests, "planner")[0]));
        Assert.Equal(["recall", "remember"], ToolNames(Of(requests, "writer")[0]));
        Assert.DoesNotContain(requests, r => r["tools"]!.ToJsonString().Contains("\"scope\"", StringComparison.Ordinal));

        var search = LastToolResult(Of(requests, "researcher")[1]);
        Assert.Contains("Time Out Market", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Porto", search, StringComparison.Ordinal);
        Assert.Contains(Finding, LastToolResult(Of(requests, "planner")[1]), StringComparison.Ordinal);
        Assert.Contains("Day 1 in Lisbon", LastToolResult(Of(requests, "writer")[1]), StringComparison.Ordinal);

        Assert.All(Of(requests, "writer"), r => Assert.Contains("The user is vegetarian", Messages(r, "system"), StringComparison.Ordinal));
        Assert.All(Of(requests, "researcher").Concat(Of(requests, "planner")),
            r => Assert.DoesNotContain("vegetarian", r["messages"]!.ToJsonString(), StringComparison.Ordinal));
        Assert.Contains("reply: Your itinerary, vegetarian-friendly.", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The three models: a tool call per round, chosen by the step (its system message) and the tool results so far.</summary>
    private static JsonObject Play(JsonNode body)
    {
        var messages = body["messages"]!.AsArray();
        var step = Step(body);
        var round = messages.Count(m => m!["role"]!.GetValue<string>() == "tool");
        return (step, round) switch
        {
            ("researcher", 0) => FakeOpenAIServer.ToolCall("search_notes", new { query = "where to eat", city = "Lisbon", top = 3 }),
            ("researcher", 1) => FakeOpenAIServer.ToolCall("remember", new { text = Finding }),
            ("planner", 0) or ("writer", 0) => FakeOpenAIServer.ToolCall("recall", new { query = "the trip" }),
            ("planner", 1) => FakeOpenAIServer.ToolCall("remember", new { text = "Day 1 in Lisbon: lunch at the Time Out Market." }),
            ("writer", _) => FakeOpenAIServer.Text("Your itinerary, vegetarian-friendly."),
            _ => FakeOpenAIServer.Text("Done."),
        };
    }

    private static string Step(JsonNode request) =>
        Messages(request, "system") is var system && system.Contains("You are the researcher", StringComparison.Ordinal) ? "researcher"
        : system.Contains("You are the planner", StringComparison.Ordinal) ? "planner"
        : system.Contains("You are the writer", StringComparison.Ordinal) ? "writer"
        : "?";

    private static List<JsonNode> Of(IReadOnlyList<JsonNode> requests, string step) => [.. requests.Where(r => Step(r) == step)];

    private static List<string> ToolNames(JsonNode request) =>
        [.. request["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>())];

    private static string Messages(JsonNode request, string role) =>
        string.Join('\n', request["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == role).Select(m => m!["content"]!.ToJsonString()));

    private static string LastToolResult(JsonNode request) =>
        request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToJsonString();
}
