using System.Diagnostics.Metrics;
using ContextMemory.Agents.Tests.Support;
using ContextMemory.Tests.Shared;
using ContextMemory.Tests.Support;
using Microsoft.Extensions.AI;

namespace ContextMemory.Agents.Tests;

/// <summary>The chat-client middleware: recall before each model call, optional remembering after it.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class ChatMiddlewareTests(LocalModel model) : IDisposable
{
    private static readonly MemoryScope Ada = MemoryScope.ForUser("ada");
    private static readonly MemoryScope Bob = MemoryScope.ForUser("bob");

    private readonly AgentMemory _memory = new(model);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task The_relevant_memories_reach_the_model_as_a_system_message_before_the_user_message_and_nothing_from_another_scope()
    {
        await _memory.Service.RememberAsync(Ada, new NewMemory { Text = "Ada is allergic to peanuts." });
        await _memory.Service.RememberAsync(Bob, new NewMemory { Text = "Bob is allergic to shellfish." });
        var model = ScriptedChatClient.Replying("noted");
        using var client = model.AsBuilder().UseContextMemory(_memory.Service, Ada).Build();
        ChatMessage[] conversation = [new(ChatRole.System, "You are helpful."), new(ChatRole.User, "What foods should I avoid?")];

        await client.GetResponseAsync(conversation);

        var sent = model.Requests.Single();
        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User], sent.Select(m => m.Role));
        Assert.Contains("- (fact, ", sent[1].Text, StringComparison.Ordinal);
        Assert.Contains("Ada is allergic to peanuts.", sent[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("shellfish", sent[1].Text, StringComparison.Ordinal);
        Assert.Equal(2, conversation.Length);
    }

    [Fact]
    public async Task With_no_memories_the_request_reaches_the_model_unchanged()
    {
        var model = ScriptedChatClient.Replying("hello");
        using var client = model.AsBuilder().UseContextMemory(_memory.Service, Ada).Build();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi there")]);

        Assert.Equal([ChatRole.User], model.Requests.Single().Select(m => m.Role));
    }

    [Fact]
    public async Task The_added_memories_are_bounded_by_count_and_characters()
    {
        await _memory.Service.RememberManyAsync(Ada, Enumerable.Range(1, 8).Select(i => new NewMemory { Text = $"Ada's trip number {i} was to a seaside town.", MergeWithSimilar = false }));
        var model = ScriptedChatClient.Replying("ok");
        var options = new ContextMemoryChatOptions { MaxMemories = 6, MaxCharacters = 120 };
        using var client = model.AsBuilder().UseContextMemory(_memory.Service, Ada, options).Build();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Tell me about Ada's trips")]);

        var lines = model.Requests.Single()[0].Text.Split('\n').Skip(1).ToList();
        Assert.InRange(lines.Count, 1, 6);
        Assert.True(lines.Sum(l => l.Length) <= 120);
    }

    [Fact]
    public async Task Remembered_turns_are_recalled_in_a_later_conversation_after_a_restart()
    {
        var options = new ContextMemoryChatOptions { RememberUserMessages = true };
        using (var first = ScriptedChatClient.Replying("Nice!").AsBuilder().UseContextMemory(_memory.Service, Ada, options).Build())
        {
            await first.GetResponseAsync([new ChatMessage(ChatRole.User, "My daughter Lily starts school in September.")]);
        }

        var service = await _memory.ReopenAsync();
        var model = ScriptedChatClient.Replying("ok");
        using var later = model.AsBuilder().UseContextMemory(service, Ada).Build();
        await later.GetResponseAsync([new ChatMessage(ChatRole.User, "When does my child begin school?")]);

        Assert.Contains("(episode, ", model.Requests.Single()[0].Text, StringComparison.Ordinal);
        Assert.Contains("Lily starts school in September", model.Requests.Single()[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_responses_get_memories_too_and_the_turn_is_remembered_after_the_stream_ends()
    {
        await _memory.Service.RememberAsync(Ada, new NewMemory { Text = "Ada prefers window seats on trains." });
        var model = ScriptedChatClient.Replying("Booked a window seat.");
        var options = new ContextMemoryChatOptions { RememberUserMessages = true, RememberAssistantMessages = true };
        using var client = model.AsBuilder().UseContextMemory(_memory.Service, Ada, options).Build();

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Book me a train seat to York.")]))
        {
            Assert.NotNull(update);
        }

        Assert.Contains("window seats", model.Requests.Single()[0].Text, StringComparison.Ordinal);
        var stored = (await _memory.Service.ListAsync(Ada)).Items.Select(m => (m.Text, m.Speaker)).ToList();
        Assert.Contains(("Book me a train seat to York.", "user"), stored);
        Assert.Contains(("Booked a window seat.", "assistant"), stored);
    }

    [Fact]
    public async Task A_memory_failure_is_counted_and_the_chat_still_succeeds()
    {
        var failures = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ContextMemory.Agents")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();
        var model = ScriptedChatClient.Replying("still here");
        var broken = _memory.Service;
        await broken.DisposeAsync();
        using var client = model.AsBuilder().UseContextMemory(broken, Ada, new ContextMemoryChatOptions { RememberUserMessages = true }).Build();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Do you remember me?")]);

        Assert.Equal("still here", response.Text);
        Assert.Equal(2, Interlocked.Read(ref failures));
    }

    [Fact]
    public async Task A_message_too_long_to_remember_is_logged_not_thrown()
    {
        var model = ScriptedChatClient.Replying("ok");
        using var client = model.AsBuilder().UseContextMemory(_memory.Service, Ada, new ContextMemoryChatOptions { RememberUserMessages = true }).Build();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, new string('z', 100_000))]);

        Assert.Equal("ok", response.Text);
        Assert.Empty((await _memory.Service.ListAsync(Ada)).Items);
    }

    [Fact]
    public async Task With_an_extractor_the_turn_is_remembered_as_the_facts_the_extraction_model_found()
    {
        var extractionModel = ScriptedChatClient.Replying("""{"items":[{"text":"Ada is training for the Berlin marathon.","importance":0.8}]}""");
        var options = new ContextMemoryChatOptions { Extractor = new ContextMemory.Extraction.MemoryExtractor(_memory.Service, extractionModel), RememberUserMessages = true };
        using var client = ScriptedChatClient.Replying("Good luck!").AsBuilder().UseContextMemory(_memory.Service, Ada, options).Build();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Ugh, long run today, Berlin is in six weeks.")]);

        var stored = Assert.Single((await _memory.Service.ListAsync(Ada)).Items);
        Assert.Equal(("Ada is training for the Berlin marathon.", 0.8), (stored.Text, stored.Importance));
        Assert.Contains("user: Ugh, long run today", extractionModel.Requests[0][1].Text, StringComparison.Ordinal);
        Assert.Contains("assistant: Good luck!", extractionModel.Requests[0][1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_that_names_nobody_is_refused_when_the_pipeline_is_built()
    {
        Assert.Throws<MemoryScopeException>(() => ScriptedChatClient.Replying("x").AsBuilder().UseContextMemory(_memory.Service, new MemoryScope()));
    }
}
