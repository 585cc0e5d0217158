using System.Text.Json;
using ContextMemory.Extraction;
using Microsoft.Extensions.AI;
using static ContextMemory.Tests.Extraction.ExtractionScript;

namespace ContextMemory.Tests.Extraction;

/// <summary>What bounds how much extraction sends, reads and reports, and what the memory layer refuses on its behalf.</summary>
public sealed class ExtractionBoundsTests : ExtractionTestBase
{
    [Fact]
    public async Task A_long_message_is_cut_to_its_beginning_and_the_cut_reported()
    {
        var model = Model("""{"items":[]}""");
        ChatMessage[] messages = [new(ChatRole.User, "START " + new string('a', 500) + " END"), new(ChatRole.Assistant, "short reply")];

        var result = await Extract(model, new MemoryExtractionOptions { MaxMessageCharacters = 100 }).ExtractAsync(Ann, messages);

        var sent = model.Requests.Single()[1].Text;
        Assert.Contains("user: START ", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("END", sent, StringComparison.Ordinal);
        Assert.Contains("assistant: short reply", sent, StringComparison.Ordinal);
        Assert.Equal(ExtractionMessages.MessageCut(510, 100), Assert.Single(result.Problems));
    }

    [Fact]
    public async Task A_long_conversation_sends_only_its_latest_part()
    {
        var model = Model("""{"items":[]}""");
        var messages = Enumerable.Range(0, 200).Select(i => new ChatMessage(ChatRole.User, $"message number {i:D3}")).ToList();

        var result = await Extract(model, new MemoryExtractionOptions { MaxConversationCharacters = 1_000 }).ExtractAsync(Ann, messages);

        var sent = model.Requests.Single()[1].Text;
        Assert.True(sent.Length <= 1_000, $"{sent.Length} characters sent");
        Assert.Contains("message number 199", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("message number 000", sent, StringComparison.Ordinal);
        Assert.Equal(ExtractionMessages.ConversationCut, Assert.Single(result.Problems));
    }

    [Fact]
    public async Task A_huge_fact_is_refused_before_it_is_searched_with_or_shown_to_the_model()
    {
        await Remember(Ann, "ann plays the cello");
        var huge = "ann " + new string('x', 40_000);
        var model = Model(JsonSerializer.Serialize(new { items = new[] { huge, "ann plays the cello well" } }));

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Contains(result.Problems, p => p.StartsWith("Fact 0 was refused by the memory layer", StringComparison.Ordinal));
        Assert.Equal(["ann plays the cello well"], ListedFacts(model.Requests[1]));
        Assert.DoesNotContain((await Harness.Service.ListAsync(Ann)).Items, m => m.Text.Length > 1_000);
    }

    [Fact]
    public async Task A_huge_update_text_is_refused_and_the_memory_kept()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var huge = new string('z', 40_000);
        var model = Model(
            """{"items":["ann lives in lisbon near the river"]}""",
            request => JsonSerializer.Serialize(new { items = new[] { new { fact = 0, @event = "UPDATE", id = ShownIds(request)[paris.Text], text = huge } } }));

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Actions);
        Assert.Contains(result.Problems, p => p.StartsWith("Fact 0 was refused by the memory layer", StringComparison.Ordinal));
        Assert.Equal(paris.Text, (await Harness.Service.GetAsync(Ann, paris.Id))!.Text);
        Assert.Single(await Harness.Service.GetHistoryAsync(Ann, paris.Id));
    }

    [Fact]
    public async Task Long_existing_memories_are_shown_cut()
    {
        var diary = await Remember(Ann, "ann diary " + string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"w{i}")));
        var model = Model("""{"items":["ann diary w1 w2 w3"]}""");

        await Extract(model, new MemoryExtractionOptions { MaxMessageCharacters = 300 }).ExtractAsync(Ann, Conversation);

        var shown = Assert.Single(ShownTexts(model.Requests[1]));
        Assert.Equal(diary.Text[..300], shown);
    }

    [Fact]
    public async Task A_thousand_bad_decisions_give_a_bounded_list_of_problems()
    {
        await Remember(Ann, "ann plays the cello");
        var decisions = Enumerable.Range(0, 1_000).Select(i => new { fact = 1_000 + i, @event = "DELETE", id = 0 });
        var model = Model("""{"items":["ann plays the cello"]}""", _ => JsonSerializer.Serialize(new { items = decisions }));

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(ExtractionProblems.MaxLines + 1, result.Problems.Count);
        Assert.Equal(ExtractionMessages.MoreProblems(1_000 + 1 - ExtractionProblems.MaxLines), result.Problems[^1]);
        Assert.Equal("ann plays the cello", Assert.Single((await Harness.Service.ListAsync(Ann)).Items).Text);
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_extractor_is_created()
    {
        var model = Model("""{"items":[]}""");

        Assert.Throws<ArgumentOutOfRangeException>(() => Extract(model, new MemoryExtractionOptions { MaxFacts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Extract(model, new MemoryExtractionOptions { SimilarPerFact = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Extract(model, new MemoryExtractionOptions { SimilarPerFact = 1_001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Extract(model, new MemoryExtractionOptions { MaxMessageCharacters = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Extract(model, new MemoryExtractionOptions { MaxConversationCharacters = 0 }));
        Assert.Throws<MemoryInputException>(() => Extract(model, new MemoryExtractionOptions { Actor = "a\0b" }));
        Assert.Throws<MemoryInputException>(() => Extract(model, new MemoryExtractionOptions { Kind = (MemoryKind)42 }));
    }
}
