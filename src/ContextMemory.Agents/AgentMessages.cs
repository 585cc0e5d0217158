using System.Globalization;

namespace ContextMemory.Agents;

/// <summary>The texts this assembly writes (to logs and into requests), in one place.</summary>
internal static class AgentMessages
{
    public static string MemoryLine(MemoryRecord memory) =>
        string.Format(CultureInfo.InvariantCulture, "- ({0}, {1:yyyy-MM-dd}) {2}", memory.Kind == MemoryKind.Episode ? "episode" : "fact", memory.OccurredAt, memory.Text);

    public const string RecallFailed = "Recalling memories for scope {Scope} failed; the request goes on without them.";

    public const string ExtractionProblems = "Extracting memories for scope {Scope} met problems: {Problems}";

    public const string StoreFailed = "Remembering the turn for scope {Scope} failed; the response is unaffected.";
}
