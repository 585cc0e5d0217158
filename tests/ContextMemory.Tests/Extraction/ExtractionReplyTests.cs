using System.Text.Json;
using ContextMemory.Extraction;
using Microsoft.Extensions.AI;
using static ContextMemory.Tests.Extraction.ExtractionScript;

namespace ContextMemory.Tests.Extraction;

/// <summary>How the replies are asked for (the schemas, the instructions) and read (prose, spellings, truncation).</summary>
public sealed class ExtractionReplyTests : ExtractionTestBase
{
    [Fact]
    public async Task The_schemas_sent_name_the_fields_the_instructions_ask_for()
    {
        await Remember(Ann, "ann lives in paris near the river");
        var model = Model("""{"items":[{"text":"ann lives in lisbon near the river","importance":0.7}]}""");

        await Extract(model).ExtractAsync(Ann, Conversation);

        var facts = Schema(model.RequestOptions[0]);
        var fact = facts.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties");
        Assert.Equal(["importance", "text"], fact.EnumerateObject().Select(p => p.Name).Order());
        var decisions = Schema(model.RequestOptions[1]);
        var decision = decisions.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties");
        Assert.Equal(["event", "fact", "id", "text"], decision.EnumerateObject().Select(p => p.Name).Order());
        foreach (var name in new[] { "\"items\"", "\"text\"", "\"importance\"" })
        {
            Assert.Contains(name, ExtractionMessages.FactsInstructions, StringComparison.Ordinal);
        }

        foreach (var name in new[] { "\"items\"", "\"fact\"", "\"event\"", "\"id\"", "\"text\"" })
        {
            Assert.Contains(name, ExtractionMessages.DecisionsInstructions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_the_json_schema_no_response_format_is_sent_and_the_reply_is_read_the_same()
    {
        var model = Model("""Sure! {"items":[{"text":"Ann lives in Lisbon.","importance":0.8}]}""");

        var result = await Extract(model, new MemoryExtractionOptions { UseJsonSchema = false }).ExtractAsync(Ann, Conversation);

        Assert.Equal(1, result.Added);
        Assert.Null(Assert.Single(model.RequestOptions)!.ResponseFormat);
    }

    [Fact]
    public async Task The_callers_chat_options_are_sent_and_not_changed()
    {
        var callers = new ChatOptions { ModelId = "small-model", Temperature = 0 };
        var model = Model("""{"items":[]}""");

        await Extract(model, new MemoryExtractionOptions { ChatOptions = callers }).ExtractAsync(Ann, Conversation);

        var sent = Assert.Single(model.RequestOptions)!;
        Assert.Equal("small-model", sent.ModelId);
        Assert.NotNull(sent.ResponseFormat);
        Assert.Null(callers.ResponseFormat);
    }

    [Theory]
    [InlineData("""Here is what I found [see notes]: {not json} ```json {"items":[{"text":"Ann lives in Lisbon."}]} ``` Hope that helps :-}""")]
    [InlineData("""Facts [1]: [{"text":"Ann lives in Lisbon.","note":"a ] in a string and a { too"}]""")]
    [InlineData("""{"FACTS":[{"Text":"Ann lives in Lisbon.","Importance":"high"}]}""")]
    public async Task The_json_is_found_among_prose_brackets_and_other_spellings(string reply)
    {
        var result = await Extract(Model(reply)).ExtractAsync(Ann, Conversation);

        Assert.Equal("Ann lives in Lisbon.", Assert.Single(result.Actions).Text);
        Assert.Null(result.Actions[0].Importance);
    }

    [Fact]
    public async Task A_fact_index_given_as_a_string_never_becomes_a_memory_text()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model(
            """{"items":["ann lives in lisbon near the river"]}""",
            request => $$"""{"items":[{"Fact":"0","Operation":"update","ID":"{{ShownIds(request)[paris.Text]}}"}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Problems);
        Assert.Equal(1, result.Updated);
        Assert.Equal("ann lives in lisbon near the river", (await Harness.Service.GetAsync(Ann, paris.Id))!.Text);
    }

    [Fact]
    public async Task A_truncated_decision_reply_applies_no_decision_and_adds_the_facts()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model(
            """{"items":["ann lives in lisbon near the river","ann plays the cello"]}""",
            request => $$"""{"items":[{"fact":0,"event":"DELETE","id":{{ShownIds(request)[paris.Text]}}},{"fact":1,"event":"UPD""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal((2, 0), (result.Added, result.Deleted));
        Assert.Contains(result.Problems, p => p.Contains(ExtractionMessages.CutOff, StringComparison.Ordinal));
        Assert.NotNull(await Harness.Service.GetAsync(Ann, paris.Id));
    }

    [Fact]
    public async Task A_lone_decision_object_without_a_list_is_not_applied()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model(
            """{"items":["ann lives in lisbon near the river"]}""",
            request => $$"""I would do {"fact":0,"event":"DELETE","id":{{ShownIds(request)[paris.Text]}}} here.""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal((1, 0), (result.Added, result.Deleted));
        Assert.Contains(result.Problems, p => p.Contains(ExtractionMessages.NoList, StringComparison.Ordinal));
        Assert.NotNull(await Harness.Service.GetAsync(Ann, paris.Id));
    }

    private static JsonElement Schema(ChatOptions? options) => Assert.IsType<ChatResponseFormatJson>(options?.ResponseFormat).Schema!.Value;
}
