using System.Text.Json;
using ContextMemory.Agents.Tests.Support;
using ContextMemory.SemanticKernel;
using ContextMemory.Tests.Support;
using ContextMemory.Tools;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using static ContextMemory.Agents.Tests.Support.ModelScript;

namespace ContextMemory.Agents.Tests;

/// <summary>The memory plugin inside a real Semantic Kernel, over a real store and the local model.</summary>
[Collection(LocalModelGroup.Name)]
public sealed class KernelPluginTests(LocalModel model) : IDisposable
{
    private static readonly MemoryScope Ada = MemoryScope.ForUser("ada");
    private static readonly MemoryScope Bob = MemoryScope.ForUser("bob");

    private readonly AgentMemory _memory = new(model);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public async Task Kernel_functions_remember_and_after_a_restart_recall_with_scores_explained()
    {
        var kernel = KernelFor(_memory.Service, Ada);
        var remembered = await kernel.InvokeAsync(ContextMemoryPlugin.DefaultName, MemoryToolNames.Remember, new() { ["text"] = "Ada's cat is called Mittens.", ["kind"] = "fact" });
        Assert.Equal(MemoryToolStatus.Added, remembered.GetValue<MemoryToolResult>()!.Status);

        kernel = KernelFor(await _memory.ReopenAsync(), Ada);
        var recalled = await kernel.InvokeAsync(ContextMemoryPlugin.DefaultName, MemoryToolNames.Recall, new() { ["query"] = "What is the name of Ada's pet?" });

        var hit = recalled.GetValue<MemoryToolResult>()!.Memories![0];
        Assert.Equal("Ada's cat is called Mittens.", hit.Text);
        Assert.Contains("importance", hit.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_calling_the_plugin_through_function_invocation_remembers_then_recalls_across_a_restart()
    {
        var kernel = KernelFor(_memory.Service, Ada);
        await ChatThroughKernelAsync(kernel, "Remember that I'm vegetarian.", (MemoryToolNames.Remember, Args(("text", "Ada is vegetarian."))));

        kernel = KernelFor(await _memory.ReopenAsync(), Ada);
        var reply = await ChatThroughKernelAsync(kernel, "Can I have the steak?", (MemoryToolNames.Recall, Args(("query", "the user's diet"))));

        Assert.Contains("Ada is vegetarian.", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_argument_chosen_by_the_model_cannot_reach_another_scope()
    {
        await _memory.Service.RememberAsync(Bob, new NewMemory { Text = "Bob's salary is 90,000." });
        await _memory.Service.RememberAsync(Ada, new NewMemory { Text = "Ada's salary is private." });
        var kernel = KernelFor(_memory.Service, Ada);

        var reply = await ChatThroughKernelAsync(kernel, "What does Bob earn?",
            (MemoryToolNames.Recall, Args(("query", "Bob's salary"), ("user", "bob"), ("scope", "bob"))));
        var direct = await kernel.InvokeAsync(ContextMemoryPlugin.DefaultName, MemoryToolNames.Recall, new() { ["query"] = "Bob's salary", ["user"] = "bob" });

        Assert.DoesNotContain("90,000", reply, StringComparison.Ordinal);
        Assert.All(direct.GetValue<MemoryToolResult>()!.Memories!, m => Assert.DoesNotContain("90,000", m.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_builder_extension_adds_the_plugin_and_withheld_functions_are_absent()
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddContextMemoryPlugin(_memory.Service, Ada, new MemoryToolOptions { AllowForget = false });
        var kernel = builder.Build();

        var plugin = Assert.Single(kernel.Plugins);
        Assert.Equal(ContextMemoryPlugin.DefaultName, plugin.Name);
        Assert.Equal(
            [MemoryToolNames.Recall, MemoryToolNames.Remember, MemoryToolNames.Update],
            plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_plugin_shows_a_model_the_same_functions_descriptions_and_parameters_as_the_tools()
    {
        var tools = MemoryTools.Create(_memory.Service, Ada).ToDictionary(f => f.Name);
        var plugin = ContextMemoryKernelExtensions.CreateContextMemoryPlugin(_memory.Service, Ada);

        Assert.Equal(tools.Keys.Order(StringComparer.Ordinal), plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var function in plugin)
        {
            var tool = tools[function.Name];
            Assert.Equal(tool.Description, function.Description);
            Assert.Equal(Parameters(tool.JsonSchema), function.Metadata.Parameters.Select(p => (p.Name, (string?)p.Description, p.IsRequired)));
        }
    }

    /// <summary>One user turn: the kernel's functions offered as tools to a scripted model through function invocation.</summary>
    private static async Task<string> ChatThroughKernelAsync(Kernel kernel, string user, params (string, Dictionary<string, object?>)[] calls)
    {
        // A model calls a kernel function by the name the kernel offers it under (plugin and function name together).
        var tools = kernel.Plugins.SelectMany(p => p).Select(f => (AIFunction)f.WithKernel(kernel)).ToList();
        var named = calls.Select(c => (tools.Single(t => t.Name.EndsWith(c.Item1, StringComparison.Ordinal)).Name, c.Item2)).ToArray();
        using var client = CallsThenEchoes(named).AsBuilder().UseFunctionInvocation().Build(kernel.Services);
        var options = new ChatOptions { Tools = [.. tools] };
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, user)], options);
        return response.Text;
    }

    private static Kernel KernelFor(MemoryService service, MemoryScope scope)
    {
        var kernel = new Kernel();
        kernel.Plugins.AddContextMemoryPlugin(service, scope);
        return kernel;
    }

    private static IEnumerable<(string, string?, bool)> Parameters(JsonElement schema)
    {
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
        return schema.GetProperty("properties").EnumerateObject().Select(p =>
            (p.Name, p.Value.TryGetProperty("description", out var d) ? d.GetString() : null, required.Contains(p.Name)));
    }
}
