using ContextMemory.Agents.Tests.Support;
using ContextMemory.Tests.Shared;
using ContextMemory.Tests.Support;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ContextMemory.Agents.Tests;

/// <summary>The Agent Framework context provider on a real ChatClientAgent, a scripted model playing the LLM.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class ContextProviderTests(LocalModel model) : IDisposable
{
    private readonly AgentMemory _memory = new(model);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task Each_session_recalls_its_own_users_memories_only()
    {
        await _memory.Service.RememberAsync(MemoryScope.ForUser("ada"), new NewMemory { Text = "Ada's cat is called Mittens." });
        await _memory.Service.RememberAsync(MemoryScope.ForUser("bob"), new NewMemory { Text = "Bob's dog is called Rex." });
        var users = new Dictionary<AgentSession, string>();
        var provider = new ContextMemoryProvider(_memory.Service, session => MemoryScope.ForUser(users[session!]));
        var model = ScriptedChatClient.Replying("ok");
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions { AIContextProviders = [provider] });

        var adaSession = await agent.CreateSessionAsync();
        users[adaSession] = "ada";
        await agent.RunAsync(new ChatMessage(ChatRole.User, "What is my pet called?"), adaSession);
        var adaSaw = model.LastRequestText;
        var bobSession = await agent.CreateSessionAsync();
        users[bobSession] = "bob";
        await agent.RunAsync(new ChatMessage(ChatRole.User, "What is my pet called?"), bobSession);
        var bobSaw = model.LastRequestText;

        Assert.Contains("Mittens", adaSaw, StringComparison.Ordinal);
        Assert.DoesNotContain("Rex", adaSaw, StringComparison.Ordinal);
        Assert.Contains("Rex", bobSaw, StringComparison.Ordinal);
        Assert.DoesNotContain("Mittens", bobSaw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_keeps_its_scope_through_serialisation_and_its_turns_are_remembered()
    {
        var chosen = 0;
        var provider = new ContextMemoryProvider(
            _memory.Service,
            _ =>
            {
                chosen++;
                return MemoryScope.ForUser("ada");
            },
            new ContextMemoryChatOptions { RememberUserMessages = true });
        var model = ScriptedChatClient.Replying("ok");
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions { AIContextProviders = [provider] });
        var session = await agent.CreateSessionAsync();
        await agent.RunAsync(new ChatMessage(ChatRole.User, "I am training for the Berlin marathon."), session);

        var saved = await agent.SerializeSessionAsync(session);
        var restored = await agent.DeserializeSessionAsync(saved);
        await agent.RunAsync(new ChatMessage(ChatRole.User, "Which race am I preparing for?"), restored);

        Assert.Equal(1, chosen);
        Assert.Equal(MemoryScope.ForUser("ada"), provider.GetScope(restored));
        Assert.Contains("Berlin marathon", model.LastRequestText, StringComparison.Ordinal);
        Assert.Contains((await _memory.Service.ListAsync(MemoryScope.ForUser("ada"))).Items, m => m.Text == "I am training for the Berlin marathon.");
    }

    [Fact]
    public async Task A_failing_memory_does_not_fail_the_run()
    {
        var broken = _memory.Service;
        await broken.DisposeAsync();
        var provider = new ContextMemoryProvider(broken, _ => MemoryScope.ForUser("ada"), new ContextMemoryChatOptions { RememberUserMessages = true });
        var agent = new ChatClientAgent(ScriptedChatClient.Replying("fine"), new ChatClientAgentOptions { AIContextProviders = [provider] });

        var response = await agent.RunAsync(new ChatMessage(ChatRole.User, "hello"), await agent.CreateSessionAsync());

        Assert.Equal("fine", response.Text);
    }
}
