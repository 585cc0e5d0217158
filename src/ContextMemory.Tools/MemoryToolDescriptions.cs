namespace ContextMemory.Tools;

/// <summary>
/// What a model reads about each memory operation and its parameters. The Microsoft.Extensions.AI functions and the
/// Semantic Kernel plugin use these same texts, so a model sees one vocabulary whichever idiom the host uses.
/// </summary>
public static class MemoryToolDescriptions
{
    /// <summary>The remember operation.</summary>
    public const string Remember =
        "Store something worth remembering in later conversations: a lasting fact about the user or their world, or an " +
        "event that happened. Write it as one self-contained sentence. A memory very similar to an existing one is merged " +
        "into it. Returns the stored memory and whether it was added or merged.";

    /// <summary>The remember operation's text.</summary>
    public const string RememberText = "The memory, as one self-contained sentence (e.g. 'The user is allergic to peanuts.').";

    /// <summary>The remember operation's kind.</summary>
    public const string RememberKind = "'fact' (default) for something lasting; 'episode' for something that happened at a point in time.";

    /// <summary>The remember and update operations' importance.</summary>
    public const string Importance = "How much it matters, from 0 (trivial) to 1 (essential); omit to let it be estimated.";

    /// <summary>The recall operation.</summary>
    public const string Recall =
        "Recall the stored memories most relevant to a query, best first. Each has an id, its text, its kind, when it " +
        "happened and a score in 0..1 with a short explanation (similarity, importance, recency). Memories marked " +
        "connected were linked to a hit rather than matched.";

    /// <summary>The recall operation's query.</summary>
    public const string RecallQuery = "What to look for, in natural language.";

    /// <summary>The recall operation's limit.</summary>
    public const string RecallLimit = "How many memories to return (default 5; larger values are capped).";

    /// <summary>The update operation.</summary>
    public const string Update =
        "Correct a stored memory: replace its text and/or its importance. Use the id recall returned. Returns the memory as updated.";

    /// <summary>The update and forget operations' id.</summary>
    public const string Id = "The memory's id, exactly as recall returned it.";

    /// <summary>The update operation's text.</summary>
    public const string UpdateText = "The new text; omit to keep the current one.";

    /// <summary>The forget operation.</summary>
    public const string Forget = "Forget one stored memory, for example when the user asks for it or it is no longer true. Use the id recall returned.";
}
