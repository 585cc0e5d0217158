using ContextMemory;
using ContextMemory.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI;

/// <summary>Adds the memory middleware to a chat-client pipeline.</summary>
public static class ContextMemoryChatClientBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ContextMemoryChatClient"/>: each request gets the memories of <paramref name="scope"/> relevant to
    /// its latest user message. Place it before <c>UseFunctionInvocation()</c> so memories are recalled once per user turn.
    /// </summary>
    /// <returns><paramref name="builder"/>, to chain calls.</returns>
    public static ChatClientBuilder UseContextMemory(
        this ChatClientBuilder builder, MemoryService memory, MemoryScope scope, ContextMemoryChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(scope);
        var bound = MemoryScope.Require(scope);
        return builder.Use((inner, services) =>
            new ContextMemoryChatClient(inner, memory, bound, options, services.GetService<ILoggerFactory>()?.CreateLogger<ContextMemoryChatClient>()));
    }
}
