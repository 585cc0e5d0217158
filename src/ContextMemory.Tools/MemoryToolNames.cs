namespace ContextMemory.Tools;

/// <summary>The names under which the memory operations are offered to a model.</summary>
public static class MemoryToolNames
{
    /// <summary>Stores a fact or an episode.</summary>
    public const string Remember = "remember";

    /// <summary>Recalls the memories most relevant to a query.</summary>
    public const string Recall = "recall";

    /// <summary>Changes a memory's text or importance.</summary>
    public const string Update = "update_memory";

    /// <summary>Forgets one memory.</summary>
    public const string Forget = "forget";
}
