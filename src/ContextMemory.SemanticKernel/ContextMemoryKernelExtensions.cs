using ContextMemory;
using ContextMemory.SemanticKernel;
using ContextMemory.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel;

/// <summary>
/// One-line registration of the memory plugins on a kernel builder or a kernel's plugin collection. The scope is the
/// host's argument; the plugins' functions never take one.
/// </summary>
public static class ContextMemoryKernelExtensions
{
    /// <summary>Creates the memory plugin (remember, recall and, unless <paramref name="options"/> withholds them, update_memory and forget).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MemoryScopeException"><paramref name="scope"/> names no user, agent or conversation.</exception>
    public static KernelPlugin CreateContextMemoryPlugin(
        MemoryService memory, MemoryScope scope, MemoryToolOptions? options = null, string pluginName = ContextMemoryPlugin.DefaultName)
    {
        var plugin = new ContextMemoryPlugin(memory, scope, options);
        var functions = KernelPluginFactory.CreateFromObject(plugin, pluginName)
            .Where(f => (plugin.Options.AllowUpdate || f.Name != MemoryToolNames.Update) && (plugin.Options.AllowForget || f.Name != MemoryToolNames.Forget));
        return KernelPluginFactory.CreateFromFunctions(pluginName, "Long-term memory of the conversation's user.", functions);
    }

    /// <summary>Adds the memory plugin to <paramref name="plugins"/>.</summary>
    /// <returns>The plugin added.</returns>
    public static KernelPlugin AddContextMemoryPlugin(
        this ICollection<KernelPlugin> plugins, MemoryService memory, MemoryScope scope, MemoryToolOptions? options = null,
        string pluginName = ContextMemoryPlugin.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var plugin = CreateContextMemoryPlugin(memory, scope, options, pluginName);
        plugins.Add(plugin);
        return plugin;
    }

    /// <summary>Adds the memory plugin to the kernel being built.</summary>
    /// <returns><paramref name="plugins"/>, to chain calls.</returns>
    public static IKernelBuilderPlugins AddContextMemoryPlugin(
        this IKernelBuilderPlugins plugins, MemoryService memory, MemoryScope scope, MemoryToolOptions? options = null,
        string pluginName = ContextMemoryPlugin.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var plugin = CreateContextMemoryPlugin(memory, scope, options, pluginName);
        plugins.Services.AddSingleton(plugin);
        return plugins;
    }

    /// <summary>Adds the plugin with the legacy <c>TextMemoryPlugin</c> vocabulary (Save, Recall, Retrieve, Remove) to <paramref name="plugins"/>.</summary>
    /// <returns>The plugin added.</returns>
    public static KernelPlugin AddLegacyTextMemoryPlugin(
        this ICollection<KernelPlugin> plugins, MemoryService memory, MemoryScope scope, string pluginName = LegacyTextMemoryPlugin.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var plugin = KernelPluginFactory.CreateFromObject(new LegacyTextMemoryPlugin(memory, scope), pluginName);
        plugins.Add(plugin);
        return plugin;
    }

    /// <summary>Adds the plugin with the legacy <c>TextMemoryPlugin</c> vocabulary to the kernel being built.</summary>
    /// <returns><paramref name="plugins"/>, to chain calls.</returns>
    public static IKernelBuilderPlugins AddLegacyTextMemoryPlugin(
        this IKernelBuilderPlugins plugins, MemoryService memory, MemoryScope scope, string pluginName = LegacyTextMemoryPlugin.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.Services.AddSingleton(KernelPluginFactory.CreateFromObject(new LegacyTextMemoryPlugin(memory, scope), pluginName));
        return plugins;
    }
}
