namespace ContextMemory.Tools;

/// <summary>How the memory tools behave. The host sets these; nothing here is visible to or settable by a model.</summary>
public sealed class MemoryToolOptions
{
    /// <summary>How many memories recall returns when the model names no limit. Default 5.</summary>
    public int DefaultRecallLimit { get; init; } = 5;

    /// <summary>The most memories one recall returns, whatever limit the model asks for. Default 20.</summary>
    public int MaxRecallLimit { get; init; } = 20;

    /// <summary>Whether the update operation is offered. Default <see langword="true"/>.</summary>
    public bool AllowUpdate { get; init; } = true;

    /// <summary>Whether the forget operation is offered. Default <see langword="true"/>.</summary>
    public bool AllowForget { get; init; } = true;

    /// <summary>Whether forget erases the memory physically (the store's compaction) rather than only deleting it. Default <see langword="false"/>.</summary>
    public bool EraseOnForget { get; init; }

    /// <summary>The actor written into the history for changes made through the tools. Default "assistant".</summary>
    public string Actor { get; init; } = "assistant";

    /// <summary>The source recorded on memories stored through the tools. Default "tool".</summary>
    public string Source { get; init; } = "tool";

    /// <summary>Whether recall appends connected episodes to its hits. Default <see langword="true"/>.</summary>
    public bool IncludeConnections { get; init; } = true;
}
