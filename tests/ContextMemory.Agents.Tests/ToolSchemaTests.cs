using System.Text;
using System.Text.Json;
using ContextMemory.Agents.Tests.Support;
using ContextMemory.Tests.Support;
using ContextMemory.Tools;
using Microsoft.SemanticKernel;

namespace ContextMemory.Agents.Tests;

/// <summary>What a model sees — function names, descriptions and parameter schemas — is frozen in approved listings (also shown in docs).</summary>
[Collection(LocalModelGroup.Name)]
public sealed class ToolSchemaTests(LocalModel model) : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly AgentMemory _memory = new(model);

    public void Dispose() => _memory.Dispose();

    [Fact]
    public void The_tools_names_descriptions_and_schemas_are_approved()
    {
        var text = new StringBuilder();
        foreach (var function in MemoryTools.Create(_memory.Service, MemoryScope.ForUser("ada")))
        {
            text.Append("## ").Append(function.Name).Append('\n').Append(function.Description).Append('\n')
                .Append(JsonSerializer.Serialize(function.JsonSchema, Indented)).Append("\n\n");
        }

        ApprovedText.AssertMatches("ToolSchemas", text.ToString());
    }

    [Fact]
    public void The_legacy_plugins_functions_and_parameters_are_approved()
    {
        var plugin = KernelPluginFactory.CreateFromObject(new SemanticKernel.LegacyTextMemoryPlugin(_memory.Service, MemoryScope.ForUser("ada")));
        var text = new StringBuilder();
        foreach (var function in plugin.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append("## ").Append(function.Name).Append('\n').Append(function.Description).Append('\n');
            foreach (var parameter in function.Metadata.Parameters)
            {
                text.Append("- ").Append(parameter.Name).Append(parameter.IsRequired ? " (required)" : $" (default {parameter.DefaultValue ?? "none"})")
                    .Append(": ").Append(parameter.Description).Append('\n');
            }

            text.Append('\n');
        }

        ApprovedText.AssertMatches("LegacyPlugin", text.ToString());
    }
}
