using System.Text.Json.Nodes;

namespace ContextMemory.Samples.Tests;

/// <summary>
/// The chatbot with an API key, run as a real process against an OpenAI-compatible endpoint on the loopback interface
/// that plays the model: the memory middleware and the memory tools reach the model in OpenAI's wire format.
/// </summary>
public sealed class ChatBotOnlineTests : IDisposable
{
    private readonly TemporaryDirectory _data = new("chatbot-online-");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_model_is_sent_the_memories_of_earlier_sessions_and_offered_the_memory_tools()
    {
        await OfflineAsync("My dog is called Biscuit and he loves the beach.\n");
        using var server = new FakeOpenAIServer((_, _) => FakeOpenAIServer.Text("Biscuit, your beach-loving dog."));

        var result = await OnlineAsync(server, "What is my dog's name?\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("bot> Biscuit, your beach-loving dog.", result.Output, StringComparison.Ordinal);
        var request = server.Requests.Single();
        var system = request["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "system").Select(m => m!["content"]!.ToJsonString());
        Assert.Contains(system, s => s.Contains("My dog is called Biscuit", StringComparison.Ordinal));
        var tools = request["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["remember", "recall", "update_memory", "forget"], tools);
        var schemas = request["tools"]!.ToJsonString();
        Assert.DoesNotContain("\"user\"", schemas, StringComparison.Ordinal);
        Assert.DoesNotContain("\"scope\"", schemas, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_model_remembers_through_the_tool_is_recalled_by_a_later_offline_session()
    {
        using var server = new FakeOpenAIServer((_, index) => index == 0
            ? FakeOpenAIServer.ToolCall("remember", new { text = "The user's favourite colour is teal." })
            : FakeOpenAIServer.Text("I'll remember that."));

        var online = await OnlineAsync(server, "Teal is my favourite colour, keep that in mind.\n");
        var later = await OfflineAsync("?What colour do I like best\n");

        Assert.Equal(0, online.ExitCode);
        var toolResult = server.Requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!;
        Assert.Equal("added", JsonNode.Parse(toolResult.GetValue<string>())!["status"]!.GetValue<string>());
        Assert.Contains("The user's favourite colour is teal.", later.Output, StringComparison.Ordinal);
    }

    private Task<DotnetProcess.Result> OnlineAsync(FakeOpenAIServer server, string input) =>
        DotnetProcess.RunAsync(
            ["exec", SampleProgram.Metadata("ChatBot"), "--data-dir", _data.Path],
            environment: new Dictionary<string, string?>
            {
                ["OPENAI_API_KEY"] = "test-key",
                ["OPENAI_BASE_URL"] = server.BaseUrl,
                ["OPENAI_CHAT_MODEL"] = "scripted",
            },
            input: input);

    private Task<DotnetProcess.Result> OfflineAsync(string input) =>
        SampleProgram.RunAsync("ChatBot", ["--data-dir", _data.Path], input);
}
