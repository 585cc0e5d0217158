using System.Text.Json;
using ContextMemory.Agents.Tests.Support;
using ContextMemory.Tests.Support;
using ContextMemory.Tools;
using Microsoft.Extensions.AI;
using static ContextMemory.Agents.Tests.Support.ModelScript;

namespace ContextMemory.Agents.Tests;

/// <summary>The memory tools driven by a scripted model through Microsoft.Extensions.AI's function invocation, over a real store and the local model.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class MemoryToolsTests(LocalModel model) : IDisposable
{
    private static readonly MemoryScope Ada = MemoryScope.ForUser("ada");
    private static readonly MemoryScope Bob = MemoryScope.ForUser("bob");

    private readonly AgentMemory _memory = new(model);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task A_model_remembers_in_one_conversation_and_recalls_in_a_later_one_after_a_restart()
    {
        var first = await ChatAsync(_memory.Service, Ada, "I can't eat peanuts, remember that.",
            (MemoryToolNames.Remember, Args(("text", "The user is allergic to peanuts."), ("importance", 0.9))));
        Assert.Equal(MemoryToolStatus.Added, Result(first).Status);

        var service = await _memory.ReopenAsync();
        var later = await ChatAsync(service, Ada, "What should the caterer leave out of my lunch?",
            (MemoryToolNames.Recall, Args(("query", "food the user must avoid"))));

        var recalled = Result(later).Memories!;
        Assert.Equal("The user is allergic to peanuts.", recalled[0].Text);
        Assert.NotNull(recalled[0].Score);
        Assert.Contains("similarity", recalled[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_arguments_a_model_invents_are_ignored_and_never_reach_another_scope()
    {
        await _memory.Service.RememberAsync(Bob, new NewMemory { Text = "Bob's bank PIN is 4921." });
        await _memory.Service.RememberAsync(Ada, new NewMemory { Text = "Ada likes green tea." });

        var reply = await ChatAsync(_memory.Service, Ada, "What is Bob's PIN?",
            (MemoryToolNames.Recall, Args(("query", "Bob's bank PIN"), ("user", "bob"), ("userId", "bob"), ("scope", "user=bob"))));

        var recalled = Result(reply).Memories!;
        Assert.All(recalled, m => Assert.DoesNotContain("PIN", m.Text, StringComparison.Ordinal));
        Assert.Contains(recalled, m => m.Text == "Ada likes green tea.");
    }

    [Fact]
    public async Task An_id_from_another_scope_is_not_found_and_that_memory_is_untouched()
    {
        var bobs = await _memory.Service.RememberAsync(Bob, new NewMemory { Text = "Bob lives in Leeds." });
        var tools = new MemoryToolbox(_memory.Service, Ada);

        var update = await tools.UpdateAsync(bobs.Memory.Id.ToString(), text: "Bob lives nowhere.");
        var forget = await tools.ForgetAsync(bobs.Memory.Id.ToString());

        Assert.Equal(MemoryToolStatus.NotFound, update.Status);
        Assert.Equal(MemoryToolStatus.NotFound, forget.Status);
        Assert.Equal("Bob lives in Leeds.", (await _memory.Service.GetAsync(Bob, bobs.Memory.Id))!.Text);
    }

    public static TheoryData<string?, string?, double?> RefusedRemembers => new()
    {
        { string.Empty, null, null },
        { "   ", null, null },
        { new string('x', 40_000), null, null },
        { "tea\0with a NUL", null, null },
        { "The user likes tea.", null, 5.0 },
        { "The user likes tea.", null, double.NaN },
        { "The user likes tea.", "'; DROP TABLE memories; --", null },
    };

    [Theory]
    [MemberData(nameof(RefusedRemembers))]
    public async Task Hostile_remember_arguments_come_back_as_errors_and_store_nothing(string? text, string? kind, double? importance)
    {
        var tools = new MemoryToolbox(_memory.Service, Ada);

        var result = await tools.RememberAsync(text!, kind, importance);

        Assert.Equal(MemoryToolStatus.Error, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.True(result.Error!.Length < 300, "An error quotes at most a few dozen characters of the input.");
        Assert.Empty((await _memory.Service.ListAsync(Ada)).Items);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("'; DELETE FROM memories; --")]
    [InlineData("")]
    public async Task Malformed_ids_come_back_as_errors(string id)
    {
        var tools = new MemoryToolbox(_memory.Service, Ada);
        await _memory.Service.RememberAsync(Ada, new NewMemory { Text = "Ada likes green tea." });

        Assert.Equal(MemoryToolStatus.Error, (await tools.UpdateAsync(id, text: "x")).Status);
        Assert.Equal(MemoryToolStatus.Error, (await tools.ForgetAsync(id)).Status);
        Assert.Single((await _memory.Service.ListAsync(Ada)).Items);
    }

    [Theory]
    [InlineData(int.MaxValue, 20)]
    [InlineData(int.MinValue, 1)]
    [InlineData(0, 1)]
    [InlineData(null, 5)]
    public async Task Recall_limits_are_clamped_to_the_hosts_bounds(int? limit, int expected)
    {
        await _memory.Service.RememberManyAsync(Ada, Enumerable.Range(0, 25).Select(i => new NewMemory { Text = $"Ada visited city number {i} in {2000 + i}.", MergeWithSimilar = false }));
        var tools = new MemoryToolbox(_memory.Service, Ada);

        var result = await tools.RecallAsync("cities Ada visited", limit);

        Assert.Equal(expected, result.Memories!.Count(m => m.ConnectedTo is null));
    }

    [Fact]
    public async Task Update_replaces_the_text_and_recall_finds_the_new_one()
    {
        var tools = new MemoryToolbox(_memory.Service, Ada);
        var added = await tools.RememberAsync("Ada lives in Paris.");

        var updated = await tools.UpdateAsync(added.Memory!.Id.ToString(), text: "Ada moved to Lisbon.", importance: 0.8);
        var recalled = await tools.RecallAsync("Where does Ada live?");

        Assert.Equal(MemoryToolStatus.Updated, updated.Status);
        Assert.Equal(0.8, updated.Memory!.Importance);
        Assert.Equal("Ada moved to Lisbon.", recalled.Memories![0].Text);
        Assert.Equal(MemoryToolStatus.Error, (await tools.UpdateAsync(added.Memory.Id.ToString())).Status);
    }

    [Fact]
    public async Task Forget_removes_the_memory_and_a_second_forget_is_not_found()
    {
        var tools = new MemoryToolbox(_memory.Service, Ada);
        var added = await tools.RememberAsync("Ada's locker code is 1234.", kind: "EPISODE");

        var forgotten = await tools.ForgetAsync(added.Memory!.Id.ToString());

        Assert.Equal("episode", added.Memory.Kind);
        Assert.Equal(MemoryToolStatus.Forgotten, forgotten.Status);
        Assert.Equal(MemoryToolStatus.NotFound, (await tools.ForgetAsync(added.Memory.Id.ToString())).Status);
        Assert.Empty((await _memory.Service.ListAsync(Ada)).Items);
    }

    [Fact]
    public void A_host_can_withhold_update_and_forget()
    {
        var all = MemoryTools.Create(_memory.Service, Ada);
        var readOnly = MemoryTools.Create(_memory.Service, Ada, new MemoryToolOptions { AllowUpdate = false, AllowForget = false });

        Assert.Equal([MemoryToolNames.Remember, MemoryToolNames.Recall, MemoryToolNames.Update, MemoryToolNames.Forget], all.Select(f => f.Name));
        Assert.Equal([MemoryToolNames.Remember, MemoryToolNames.Recall], readOnly.Select(f => f.Name));
    }

    [Fact]
    public void A_scope_that_names_nobody_is_refused_when_the_tools_are_created()
    {
        Assert.Throws<MemoryScopeException>(() => MemoryTools.Create(_memory.Service, new MemoryScope()));
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_stores_nothing()
    {
        var tools = new MemoryToolbox(_memory.Service, Ada);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tools.RememberAsync("Ada likes tea.", cancellationToken: cancelled.Token));
        Assert.Empty((await _memory.Service.ListAsync(Ada)).Items);
    }

    /// <summary>One user turn through function invocation with the tools bound to <paramref name="scope"/>; returns the model's final text.</summary>
    private static async Task<string> ChatAsync(MemoryService service, MemoryScope scope, string user, params (string, Dictionary<string, object?>)[] calls)
    {
        using var client = CallsThenEchoes(calls).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [.. MemoryTools.Create(service, scope)] };
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, user)], options);
        return response.Text;
    }

    private static MemoryToolResult Result(string json) =>
        JsonSerializer.Deserialize<MemoryToolResult>(json, AIJsonUtilities.DefaultOptions)!;
}
