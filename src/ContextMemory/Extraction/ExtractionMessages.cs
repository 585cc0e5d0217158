using System.Globalization;

namespace ContextMemory.Extraction;

/// <summary>The prompts and the problem messages of extraction, in one place.</summary>
internal static class ExtractionMessages
{
    public const string FactsInstructions =
        "You read a conversation between a user and an assistant and list what is worth remembering about the user in " +
        "later conversations: identity, preferences, plans, relationships, constraints and events. Write each fact as one " +
        "self-contained sentence in the third person, with an importance from 0 (trivial) to 1 (essential). Ignore small " +
        "talk, and what the assistant said unless the user confirmed it. Reply with JSON only, in the form " +
        "{\"items\":[{\"text\":\"...\",\"importance\":0.7}]}, or {\"items\":[]} when there is nothing to remember.";

    public const string DecisionsInstructions =
        "You keep a user's long-term memories up to date. For each new fact, compare it with the existing memories and " +
        "decide: ADD when it is new information; UPDATE when it corrects or refines an existing memory (give that memory's " +
        "id and the corrected text); DELETE when it shows an existing memory is no longer true (give the id); NONE when " +
        "the memories already say it. Use only the ids listed. Reply with JSON only, in the form " +
        "{\"items\":[{\"fact\":0,\"event\":\"ADD\"},{\"fact\":1,\"event\":\"UPDATE\",\"id\":2,\"text\":\"...\"}]}.";

    public const string NoList = "no list of items";

    public const string CutOff = "it is cut off: a bracket never closes";

    public const string NoJson = "The model's reply held no JSON.";

    public static string Unparsable(string phase, string reason) => Format("The model's {0} reply is not valid JSON ({1}).", phase, reason);

    public static string TooLarge(string phase, int length, int max) =>
        Format("The model's {0} reply is {1} characters long; replies over {2} are not read.", phase, length, max);

    public static string FactsIgnored(int found, int max) =>
        Format("The model listed {0} facts; only the first {1} (MemoryExtractionOptions.MaxFacts) were used.", found, max);

    public static string FactUnreadable(int index) => Format("Fact {0} of the reply has no text and was skipped.", index);

    public static string DecisionUnreadable(int index) => Format("Decision {0} of the reply names no known fact or operation and was skipped.", index);

    public static string UnknownId(int fact, string id) =>
        Format("The decision for fact {0} names the memory id '{1}', which was not shown to the model; nothing was changed.", fact, Shorten(id));

    public static string IdAlreadyUsed(int fact, int id) =>
        Format("The decision for fact {0} names memory {1}, which another decision already changed; nothing was changed.", fact, id);

    public static string Undecided(int fact) => Format("The model gave no decision for fact {0}; it was added.", fact);

    public static string Refused(int fact, string reason) => Format("Fact {0} was refused by the memory layer: {1}", fact, reason);

    public static string Gone(int fact) => Format("The memory named for fact {0} no longer exists; nothing was changed.", fact);

    public static string ModelFailed(string phase, string reason) =>
        Format("The model call for the {0} failed ({1}); nothing was changed.", phase, Shorten(reason, 200));

    public static string MoreProblems(int count) => Format("... and {0} more problems.", count);

    public static string MessageCut(int length, int max) =>
        Format("A message of {0} characters was cut to its first {1} (MemoryExtractionOptions.MaxMessageCharacters).", length, max);

    public const string ConversationCut = "The conversation was longer than MemoryExtractionOptions.MaxConversationCharacters; only its latest part was read.";

    public const string DecisionsFallback = "The decisions could not be read; every fact was added (near-duplicates merge).";

    private static string Shorten(string value, int max = 40) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "...");

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
