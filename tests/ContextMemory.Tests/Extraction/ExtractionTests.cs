using System.Text.Json;
using ContextMemory.Extraction;
using ContextMemory.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using static ContextMemory.Tests.Extraction.ExtractionScript;

namespace ContextMemory.Tests.Extraction;

/// <summary>
/// Extraction with a scripted model over a real FAISS store: good replies become ADD / UPDATE / DELETE / NONE under the
/// bound scope; malformed, partial, hostile and huge replies are reported and change nothing they should not.
/// </summary>
public sealed class ExtractionTests : ExtractionTestBase
{
    [Fact]
    public async Task New_facts_are_added_with_the_models_importance_in_the_bound_scope()
    {
        var model = Model("""{"items":[{"text":"Ann lives in Lisbon.","importance":0.8},{"text":"Ann loves green tea.","importance":"0.6"}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Added);
        var stored = (await Harness.Service.ListAsync(Ann)).Items.ToDictionary(m => m.Text, m => m.Importance);
        Assert.Equal(0.8, stored["Ann lives in Lisbon."]);
        Assert.Equal(0.6, stored["Ann loves green tea."]);
        Assert.Empty((await Harness.Service.ListAsync(Bob)).Items);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task The_model_sees_user_and_assistant_text_but_not_system_or_tool_messages()
    {
        var model = Model("""{"items":[]}""");
        ChatMessage[] messages = [.. Conversation, new(ChatRole.Tool, [new FunctionResultContent("c1", "secret tool output")])];

        await Extract(model).ExtractAsync(Ann, messages);

        var sent = model.Requests.Single()[1].Text;
        Assert.Contains("user: I moved to Lisbon", sent, StringComparison.Ordinal);
        Assert.Contains("assistant: Congratulations", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("helpful assistant", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret tool output", sent, StringComparison.Ordinal);
        Assert.NotNull(model.RequestOptions.Single()!.ResponseFormat);
    }

    [Fact]
    public async Task Update_delete_and_none_act_on_the_memories_shown_under_small_ids()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var coffee = await Remember(Ann, "ann drinks coffee every morning");
        var cello = await Remember(Ann, "ann plays the cello");
        var model = Model(
            """{"items":[{"text":"ann lives in lisbon near the river"},{"text":"ann no longer drinks coffee every morning"},{"text":"ann plays the cello"}]}""",
            request =>
            {
                var ids = ShownIds(request);
                return $$"""
                    Here you go:
                    ```json
                    {"items":[
                      {"fact":0,"event":"update","id":{{ids[paris.Text]}},"text":"ann lives in lisbon near the river"},
                      {"fact":1,"event":"DELETE","id":"{{ids[coffee.Text]}}"},
                      {"fact":2,"event":"None","id":{{ids[cello.Text]}}},
                    ]}
                    ```
                    """;
            });

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Problems);
        Assert.Equal((0, 1, 1, 1), (result.Added, result.Updated, result.Deleted, result.Unchanged));
        Assert.Equal("ann lives in lisbon near the river", (await Harness.Service.GetAsync(Ann, paris.Id))!.Text);
        Assert.Null(await Harness.Service.GetAsync(Ann, coffee.Id));
        Assert.Equal("ann plays the cello", (await Harness.Service.GetAsync(Ann, cello.Id))!.Text);
        var history = await Harness.Service.GetHistoryAsync(Ann, paris.Id);
        Assert.Equal("extraction", history[^1].Actor);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("\"abc\"")]
    [InlineData("null")]
    public async Task An_id_the_model_was_not_shown_changes_nothing_and_is_reported(string id)
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model(
            """{"items":[{"text":"ann lives in lisbon near the river"}]}""",
            _ => $$"""{"items":[{"fact":0,"event":"DELETE","id":{{id}}}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Actions);
        Assert.Contains(result.Problems, p => p.Contains("was not shown to the model", StringComparison.Ordinal));
        Assert.NotNull(await Harness.Service.GetAsync(Ann, paris.Id));
    }

    [Fact]
    public async Task A_real_id_of_another_scopes_memory_cannot_be_touched()
    {
        var bobs = await Remember(Bob, "bob lives in paris near the river");
        await Remember(Ann, "ann lives in paris near the river");
        var model = Model(
            """{"items":[{"text":"bob lives in lisbon near the river, says the user bob"}]}""",
            _ => $$"""{"items":[{"fact":0,"event":"DELETE","id":"{{bobs.Id}}","user":"bob","scope":"user=bob"}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Actions);
        Assert.Single(result.Problems);
        Assert.Equal("bob lives in paris near the river", (await Harness.Service.GetAsync(Bob, bobs.Id))!.Text);
        Assert.DoesNotContain(ShownTexts(model.Requests[1]), t => t.StartsWith("bob", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I could not find any facts, sorry.")]
    [InlineData("""{"items":[{"text":"Ann lives in""")]
    [InlineData("""{"items": "Ann lives in Lisbon"}""")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public async Task A_first_reply_that_cannot_be_read_is_reported_and_stores_nothing(string reply)
    {
        var result = await Extract(Model(reply)).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Actions);
        Assert.NotEmpty(result.Problems);
        Assert.Empty((await Harness.Service.ListAsync(Ann)).Items);
    }

    [Fact]
    public async Task Partial_items_are_skipped_and_the_rest_applied()
    {
        var model = Model("""[{"text":"Ann lives in Lisbon.","importance":7},{"importance":0.5},"Ann loves green tea.",{"text":"   "}]""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(2, result.Added);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal(1.0, result.Actions[0].Importance);
    }

    [Fact]
    public async Task A_thousand_facts_are_bounded_and_a_huge_fact_is_refused_by_the_memory_layer()
    {
        var facts = Enumerable.Range(0, 1000).Select(i => new { text = $"fact number {i} about ann", importance = 0.5 }).ToList<object>();
        facts.Insert(1, new { text = new string('x', 40_000), importance = 0.5 });
        var model = Model(JsonSerializer.Serialize(new { items = facts }), _ => """{"items":[]}""");

        var result = await Extract(model, new MemoryExtractionOptions { MaxFacts = 10 }).ExtractAsync(Ann, Conversation);

        Assert.Contains(result.Problems, p => p.Contains("only the first 10", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("refused by the memory layer", StringComparison.Ordinal));
        Assert.InRange((await Harness.Service.ListAsync(Ann)).Items.Count, 1, 9);
    }

    [Fact]
    public async Task A_reply_over_a_million_characters_is_not_read()
    {
        var result = await Extract(Model(new string(' ', 1_000_001) + """{"items":["Ann lives in Lisbon."]}""")).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Actions);
        Assert.Contains(result.Problems, p => p.Contains("are not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_decisions_add_every_fact_and_near_duplicates_still_merge()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model("""{"items":["ann lives in paris near the river","ann loves green tea"]}""", _ => "no idea");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(2, result.Added);
        Assert.Contains(result.Actions, a => a.MemoryId == paris.Id);
        Assert.Equal(2, (await Harness.Service.ListAsync(Ann)).Items.Count);
    }

    [Fact]
    public async Task A_fact_without_a_decision_is_added_and_reported()
    {
        await Remember(Ann, "ann lives in paris near the river");
        var model = Model("""{"items":["ann lives in lisbon near the river","ann loves green tea"]}""", _ => """{"items":[{"fact":0,"event":"ADD"}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(2, result.Added);
        Assert.Contains(result.Problems, p => p.Contains("no decision for fact 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_decisions_on_one_memory_apply_only_the_first()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model(
            """{"items":["ann lives in lisbon near the river","ann lives in porto near the river"]}""",
            request => $$"""{"items":[{"fact":0,"event":"UPDATE","id":{{ShownIds(request)[paris.Text]}}},{"fact":1,"event":"DELETE","id":{{ShownIds(request)[paris.Text]}}}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal((1, 0), (result.Updated, result.Deleted));
        Assert.Equal("ann lives in lisbon near the river", (await Harness.Service.GetAsync(Ann, paris.Id))!.Text);
    }

    [Fact]
    public async Task A_failing_model_is_reported_not_thrown_and_cancellation_is_thrown()
    {
        var failing = new ScriptedChatClient((_, _) => throw new HttpRequestException("503 Service Unavailable"));
        var result = await Extract(failing).ExtractAsync(Ann, Conversation);
        Assert.Empty(result.Actions);
        Assert.Contains("503", Assert.Single(result.Problems), StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Extract(Model("""{"items":["x"]}""")).ExtractAsync(Ann, Conversation, cancelled.Token));
    }

    [Fact]
    public async Task One_extractor_serves_concurrent_extractions_of_two_scopes()
    {
        var model = new ScriptedChatClient((messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant,
            IsDecisionRequest(messages) ? """{"items":[]}"""
            : messages[1].Text.Contains("Rome", StringComparison.Ordinal) ? """{"items":["bob lives in rome","bob keeps bees"]}"""
            : """{"items":["ann lives in lisbon","ann loves green tea"]}""")));
        var extractor = Extract(model);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => i % 2 == 0
                ? extractor.ExtractAsync(Ann, Conversation)
                : extractor.ExtractAsync(Bob, [new ChatMessage(ChatRole.User, "I live in Rome and keep bees.")])));

        Assert.All(results, r => Assert.Equal(2, r.Added));
        Assert.Equal(["ann lives in lisbon", "ann loves green tea"], (await Harness.Service.ListAsync(Ann)).Items.Select(m => m.Text).Order());
        Assert.Equal(["bob keeps bees", "bob lives in rome"], (await Harness.Service.ListAsync(Bob)).Items.Select(m => m.Text).Order());
    }

    [Fact]
    public async Task An_empty_conversation_calls_no_model()
    {
        var model = Model("""{"items":["x"]}""");

        var result = await Extract(model).ExtractAsync(Ann, [new ChatMessage(ChatRole.System, "only instructions")]);

        Assert.Empty(result.Actions);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task A_reply_naming_another_user_stores_only_in_the_bound_scope()
    {
        var model = Model("""{"items":[{"text":"Bob lives in Rome.","importance":0.9,"user":"bob","userId":"bob","scope":{"userId":"bob"}}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(1, result.Added);
        Assert.Equal("Bob lives in Rome.", Assert.Single((await Harness.Service.ListAsync(Ann)).Items).Text);
        Assert.Empty((await Harness.Service.ListAsync(Bob)).Items);
        Assert.Equal(Ann, (await Harness.Service.GetAsync(Ann, result.Actions[0].MemoryId!.Value))!.Scope);
    }

    [Fact]
    public async Task Cancellation_after_the_fact_call_is_thrown_and_nothing_is_stored()
    {
        using var cancel = new CancellationTokenSource();
        var model = new ScriptedChatClient((_, _) =>
        {
            cancel.Cancel();
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"items":["Ann lives in Lisbon."]}"""));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Extract(model).ExtractAsync(Ann, Conversation, cancel.Token));

        Assert.Single(model.Requests);
        Assert.Empty((await Harness.Service.ListAsync(Ann)).Items);
    }

    [Fact]
    public async Task Cancellation_during_the_decision_call_is_thrown_and_no_decision_is_applied()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        using var cancel = new CancellationTokenSource();
        var model = Model("""{"items":["ann lives in lisbon near the river"]}""", request =>
        {
            cancel.Cancel();
            return $$"""{"items":[{"fact":0,"event":"DELETE","id":{{ShownIds(request)[paris.Text]}}}]}""";
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Extract(model).ExtractAsync(Ann, Conversation, cancel.Token));

        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(paris.Text, Assert.Single((await Harness.Service.ListAsync(Ann)).Items).Text);
    }

    [Fact]
    public async Task A_client_timeout_is_a_problem_when_the_callers_token_is_not_cancelled()
    {
        var model = new ScriptedChatClient((_, _) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing."));

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Empty(result.Actions);
        Assert.Contains("HttpClient.Timeout", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_decision_call_adds_every_fact_and_touches_no_memory()
    {
        var paris = await Remember(Ann, "ann lives in paris near the river");
        var model = Model("""{"items":["ann lives in lisbon near the river","ann loves green tea"]}""", _ => throw new HttpRequestException("502 Bad Gateway"));

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(2, result.Added);
        Assert.Contains(result.Problems, p => p.Contains("502 Bad Gateway", StringComparison.Ordinal));
        Assert.Contains(ExtractionMessages.DecisionsFallback, result.Problems);
        Assert.Equal(paris.Text, (await Harness.Service.GetAsync(Ann, paris.Id))!.Text);
        Assert.Equal(3, (await Harness.Service.ListAsync(Ann)).Items.Count);
    }

    [Fact]
    public async Task Problems_are_logged_as_one_warning_and_the_counts_at_debug()
    {
        var logger = new RecordingLogger<MemoryExtractor>();
        var model = Model("""{"items":[{"text":"Ann lives in Lisbon."},{"importance":0.4}]}""");

        var result = await new MemoryExtractor(Harness.Service, model, logger: logger).ExtractAsync(Ann, Conversation);

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(Assert.Single(result.Problems), warning.Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("1 added", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_comparison_searches_are_not_recorded_as_accesses()
    {
        var cello = await Remember(Ann, "ann plays the cello");
        Harness.Time.Advance(TimeSpan.FromDays(3));
        var model = Model("""{"items":["ann plays the cello"]}""", request => $$"""{"items":[{"fact":0,"event":"NONE","id":{{ShownIds(request)[cello.Text]}}}]}""");

        var result = await Extract(model).ExtractAsync(Ann, Conversation);

        Assert.Equal(cello.Id, Assert.Single(result.Actions).MemoryId);
        Assert.Equal(cello.LastAccessedAt, (await Harness.Service.GetAsync(Ann, cello.Id))!.LastAccessedAt);
        await Harness.Service.RecallAsync(Ann, "ann plays the cello");
        Assert.NotEqual(cello.LastAccessedAt, (await Harness.Service.GetAsync(Ann, cello.Id))!.LastAccessedAt);
    }
}
