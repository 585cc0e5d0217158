using System.ComponentModel;
using ContextMemory.Tools;
using Microsoft.SemanticKernel;

namespace ContextMemory.SemanticKernel;

/// <summary>
/// The memory as a Semantic Kernel plugin: <c>kernel.Plugins.AddFromObject(new ContextMemoryPlugin(memory, scope), "memory")</c>,
/// or <c>AddContextMemoryPlugin(...)</c> on a kernel builder or a plugin collection. Its functions — remember, recall,
/// update_memory, forget — have the names, descriptions and parameters of the Microsoft.Extensions.AI tools
/// (<see cref="MemoryTools"/>) and run the same implementation (<see cref="MemoryToolbox"/>).
/// </summary>
/// <remarks>
/// The scope is bound here, by the host; no function takes a user, an agent or a conversation, so a model cannot
/// read or change another scope's memories. Results are <see cref="MemoryToolResult"/>s, which the kernel serialises
/// to JSON for a model; refused input is an <c>error</c> result, not an exception. Thread-safe.
/// </remarks>
public sealed class ContextMemoryPlugin
{
    /// <summary>The plugin name the extensions use by default.</summary>
    public const string DefaultName = "memory";

    private readonly MemoryToolbox _toolbox;

    /// <summary>Creates the plugin over <paramref name="memory"/>, bound to <paramref name="scope"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MemoryScopeException"><paramref name="scope"/> names no user, agent or conversation.</exception>
    public ContextMemoryPlugin(MemoryService memory, MemoryScope scope, MemoryToolOptions? options = null) =>
        _toolbox = new MemoryToolbox(memory, scope, options);

    /// <summary>The scope every function is bound to.</summary>
    public MemoryScope Scope => _toolbox.Scope;

    /// <summary>The options the plugin was created with (<see cref="MemoryToolOptions.AllowUpdate"/> and <see cref="MemoryToolOptions.AllowForget"/> decide which functions the extensions import).</summary>
    public MemoryToolOptions Options => _toolbox.Options;

    /// <summary>Stores a fact or an episode.</summary>
    [KernelFunction(MemoryToolNames.Remember)]
    [Description(MemoryToolDescriptions.Remember)]
    public Task<MemoryToolResult> RememberAsync(
        [Description(MemoryToolDescriptions.RememberText)] string text,
        [Description(MemoryToolDescriptions.RememberKind)] string? kind = null,
        [Description(MemoryToolDescriptions.Importance)] double? importance = null,
        CancellationToken cancellationToken = default) =>
        _toolbox.RememberAsync(text, kind, importance, cancellationToken);

    /// <summary>Recalls the memories most relevant to a query, scores explained.</summary>
    [KernelFunction(MemoryToolNames.Recall)]
    [Description(MemoryToolDescriptions.Recall)]
    public Task<MemoryToolResult> RecallAsync(
        [Description(MemoryToolDescriptions.RecallQuery)] string query,
        [Description(MemoryToolDescriptions.RecallLimit)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        _toolbox.RecallAsync(query, limit, cancellationToken);

    /// <summary>Changes a memory's text and/or importance.</summary>
    [KernelFunction(MemoryToolNames.Update)]
    [Description(MemoryToolDescriptions.Update)]
    public Task<MemoryToolResult> UpdateAsync(
        [Description(MemoryToolDescriptions.Id)] string id,
        [Description(MemoryToolDescriptions.UpdateText)] string? text = null,
        [Description(MemoryToolDescriptions.Importance)] double? importance = null,
        CancellationToken cancellationToken = default) =>
        _toolbox.UpdateAsync(id, text, importance, cancellationToken);

    /// <summary>Forgets one memory.</summary>
    [KernelFunction(MemoryToolNames.Forget)]
    [Description(MemoryToolDescriptions.Forget)]
    public Task<MemoryToolResult> ForgetAsync(
        [Description(MemoryToolDescriptions.Id)] string id,
        CancellationToken cancellationToken = default) =>
        _toolbox.ForgetAsync(id, cancellationToken);
}
