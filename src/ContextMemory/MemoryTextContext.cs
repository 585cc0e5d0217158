namespace ContextMemory;

/// <summary>
/// What context goes with a memory's text into its embedding and keyword index (the bare text is what the memory
/// returns). Combined as <c>[title] yyyy-MM-dd speaker: text</c>, each part only when it is on and known.
/// </summary>
[Flags]
public enum MemoryTextContext
{
    /// <summary>The bare text.</summary>
    None = 0,

    /// <summary>The speaker or role, as <c>speaker: text</c>.</summary>
    Speaker = 1,

    /// <summary>The date it occurred (yyyy-MM-dd, UTC).</summary>
    Time = 2,

    /// <summary>The conversation's title, in brackets.</summary>
    ConversationTitle = 4,
}
