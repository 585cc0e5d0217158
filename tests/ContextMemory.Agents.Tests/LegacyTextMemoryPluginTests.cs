using ContextMemory.Agents.Tests.Support;
using ContextMemory.SemanticKernel;
using ContextMemory.Tests.Support;
using Microsoft.SemanticKernel;

namespace ContextMemory.Agents.Tests;

/// <summary>The opt-in plugin with the retired TextMemoryPlugin's vocabulary: prompts and templates written for it keep working.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class LegacyTextMemoryPluginTests(LocalModel model) : IDisposable
{
    private const string Plugin = LegacyTextMemoryPlugin.DefaultName;
    private static readonly MemoryScope Ada = MemoryScope.ForUser("ada");
    private static readonly MemoryScope Bob = MemoryScope.ForUser("bob");

    private readonly AgentMemory _memory = new(model);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task Save_then_retrieve_by_key_and_saving_the_key_again_replaces_its_text()
    {
        var kernel = KernelFor(Ada);
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada's favourite colour is teal.", ["key"] = "colour" });
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada's favourite colour is now orange.", ["key"] = "colour" });

        var retrieved = await kernel.InvokeAsync(Plugin, "Retrieve", new() { ["key"] = "colour" });

        Assert.Equal("Ada's favourite colour is now orange.", retrieved.GetValue<string>());
        Assert.Single((await _memory.Service.ListAsync(Ada)).Items);
    }

    [Fact]
    public async Task Near_identical_texts_under_different_keys_stay_separate()
    {
        var kernel = KernelFor(Ada);
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "The meeting is at noon.", ["key"] = "monday" });
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "The meeting is at noon!", ["key"] = "tuesday" });

        Assert.Equal("The meeting is at noon.", (await kernel.InvokeAsync(Plugin, "Retrieve", new() { ["key"] = "monday" })).GetValue<string>());
        Assert.Equal("The meeting is at noon!", (await kernel.InvokeAsync(Plugin, "Retrieve", new() { ["key"] = "tuesday" })).GetValue<string>());
    }

    [Fact]
    public async Task Recall_returns_the_best_text_for_limit_one_and_a_json_array_otherwise_within_the_collection()
    {
        var kernel = KernelFor(Ada);
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada drinks green tea every morning.", ["key"] = "k1", ["collection"] = "habits" });
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada runs five kilometres on Sundays.", ["key"] = "k2", ["collection"] = "habits" });
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada's tea supplier is in Kyoto.", ["key"] = "k3", ["collection"] = "suppliers" });

        var best = await kernel.InvokeAsync(Plugin, "Recall", new() { ["input"] = "What does Ada drink?", ["collection"] = "habits" });
        var several = await kernel.InvokeAsync(Plugin, "Recall", new() { ["input"] = "tea", ["collection"] = "habits", ["limit"] = 5 });

        Assert.Equal("Ada drinks green tea every morning.", best.GetValue<string>());
        var texts = System.Text.Json.JsonSerializer.Deserialize<string[]>(several.GetValue<string>()!)!;
        Assert.Equal(2, texts.Length);
        Assert.DoesNotContain("Ada's tea supplier is in Kyoto.", texts);
    }

    [Fact]
    public async Task A_prompt_template_written_for_the_old_plugin_renders_with_recalled_memories()
    {
        var kernel = KernelFor(Ada);
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada is allergic to shellfish.", ["key"] = "allergy" });
        var template = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig("Known facts: {{TextMemoryPlugin.recall 'food Ada cannot eat'}}"));

        var rendered = await template.RenderAsync(kernel);

        Assert.Equal("Known facts: Ada is allergic to shellfish.", rendered);
    }

    [Fact]
    public async Task Remove_forgets_the_key_and_nothing_is_recalled_afterwards()
    {
        var kernel = KernelFor(Ada);
        await kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "Ada's gate code is 7788.", ["key"] = "gate" });

        await kernel.InvokeAsync(Plugin, "Remove", new() { ["key"] = "gate" });

        Assert.Equal(string.Empty, (await kernel.InvokeAsync(Plugin, "Retrieve", new() { ["key"] = "gate" })).GetValue<string>());
        Assert.Equal(string.Empty, (await kernel.InvokeAsync(Plugin, "Recall", new() { ["input"] = "gate code" })).GetValue<string>());
    }

    [Fact]
    public async Task The_same_key_and_collection_in_another_scope_is_another_memory()
    {
        await KernelFor(Bob).InvokeAsync(Plugin, "Save", new() { ["input"] = "Bob's password hint is 'rover'.", ["key"] = "hint" });

        var ada = KernelFor(Ada);
        Assert.Equal(string.Empty, (await ada.InvokeAsync(Plugin, "Retrieve", new() { ["key"] = "hint" })).GetValue<string>());
        await ada.InvokeAsync(Plugin, "Remove", new() { ["key"] = "hint" });
        Assert.Single((await _memory.Service.ListAsync(Bob)).Items);
    }

    [Fact]
    public async Task An_empty_input_or_key_is_refused_with_a_typed_error()
    {
        var kernel = KernelFor(Ada);

        await Assert.ThrowsAsync<MemoryInputException>(() => kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = "x", ["key"] = "" }));
        await Assert.ThrowsAsync<MemoryInputException>(() => kernel.InvokeAsync(Plugin, "Save", new() { ["input"] = " ", ["key"] = "k" }));
        Assert.Empty((await _memory.Service.ListAsync(Ada)).Items);
    }

    private Kernel KernelFor(MemoryScope scope)
    {
        var kernel = new Kernel();
        kernel.Plugins.AddLegacyTextMemoryPlugin(_memory.Service, scope);
        return kernel;
    }
}
