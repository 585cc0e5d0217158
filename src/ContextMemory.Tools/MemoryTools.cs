using Microsoft.Extensions.AI;

namespace ContextMemory.Tools;

/// <summary>
/// The memory operations as Microsoft.Extensions.AI functions for any <see cref="IChatClient"/> with function invocation:
/// <c>options.Tools = [.. MemoryTools.Create(memory, MemoryScope.ForUser(userId))]</c>. The scope is fixed here, by the
/// host; no function takes one.
/// </summary>
public static class MemoryTools
{
    /// <summary>Creates the functions remember, recall and (unless withheld by <paramref name="options"/>) update_memory and forget.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MemoryScopeException"><paramref name="scope"/> names no user, agent or conversation.</exception>
    public static IReadOnlyList<AIFunction> Create(MemoryService memory, MemoryScope scope, MemoryToolOptions? options = null) =>
        new MemoryToolbox(memory, scope, options).CreateFunctions();
}
