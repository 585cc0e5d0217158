using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorStore.Tests.Integration;

/// <summary>
/// The Agent Framework's own <see cref="ChatHistoryMemoryProvider"/> over the store: it keeps chat messages in a
/// dynamic collection whose vector is a string (embedded by the store-level generator) and searches them with
/// filters it builds per scope. A scripted chat client plays the model and records what the agent sent it.
/// </summary>
public sealed class AgentFrameworkChatHistoryTests : IDisposable
{
    private const int Dimensions = 256;
    private const string Collection = "chat_history";
    private readonly TempStore _temp = new(TestOptions.Store(embeddingGenerator: ScriptedEmbeddingGenerator.Words(Dimensions)));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Messages_stored_in_one_session_are_recalled_in_a_later_session_after_the_store_is_reopened()
    {
        await RunAsync(_temp.Store, "ada", "my cat is called mittens and she loves sardines");

        var model = await RunAsync(_temp.Reopen(), "ada", "what is the name of my cat");

        Assert.Contains("my cat is called mittens and she loves sardines", model.LastRequestText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_users_sessions_never_see_each_others_messages()
    {
        await RunAsync(_temp.Store, "ada", "my cat is called mittens and she loves sardines");
        await RunAsync(_temp.Store, "bob", "my dog is called rex and he loves the park");

        var store = _temp.Reopen();
        var ada = await RunAsync(store, "ada", "tell me about my pet and what it loves");
        var bob = await RunAsync(store, "bob", "tell me about my pet and what it loves");

        Assert.Contains("mittens", ada.LastRequestText, StringComparison.Ordinal);
        Assert.DoesNotContain("rex", ada.LastRequestText, StringComparison.Ordinal);
        Assert.Contains("rex", bob.LastRequestText, StringComparison.Ordinal);
        Assert.DoesNotContain("mittens", bob.LastRequestText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_scope_narrows_the_search_to_that_session()
    {
        await RunAsync(_temp.Store, "ada", "the meeting moved to thursday at noon", sessionId: "s1");
        await RunAsync(_temp.Store, "ada", "the dentist appointment is on monday", sessionId: "s2");

        var model = await RunAsync(_temp.Store, "ada", "when is the meeting or the appointment", sessionId: "s1", searchSession: true);

        Assert.Contains("thursday", model.LastRequestText, StringComparison.Ordinal);
        Assert.DoesNotContain("dentist", model.LastRequestText, StringComparison.Ordinal);
    }

    /// <summary>Runs one turn of a fresh agent session for <paramref name="userId"/> and returns the scripted model.</summary>
    private static async Task<ScriptedChatClient> RunAsync(
        FaissVectorStore store, string userId, string message, string? sessionId = null, bool searchSession = false)
    {
        var session = sessionId ?? Guid.NewGuid().ToString("N");
        using var provider = new ChatHistoryMemoryProvider(
            store,
            Collection,
            Dimensions,
            _ => new ChatHistoryMemoryProvider.State(
                new ChatHistoryMemoryProviderScope { UserId = userId, SessionId = session },
                new ChatHistoryMemoryProviderScope { UserId = userId, SessionId = searchSession ? session : null }),
            new ChatHistoryMemoryProviderOptions { MaxResults = 3 });
        var model = ScriptedChatClient.Replying("noted");
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions { AIContextProviders = [provider] });

        var agentSession = await agent.CreateSessionAsync();
        await agent.RunAsync(new ChatMessage(ChatRole.User, message), agentSession);
        return model;
    }
}
