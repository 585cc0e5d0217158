using System.Globalization;

namespace ContextMemory.Tools;

/// <summary>Every message the memory tools return to a model, in one place.</summary>
internal static class ToolMessages
{
    public static string BadKind(string kind) =>
        Format("The kind '{0}' is not known; use 'fact' or 'episode'.", Shorten(kind));

    public static string BadId(string id) =>
        Format("'{0}' is not a memory id; use an id exactly as recall returned it.", Shorten(id));

    public static string NotFound(Guid id) => Format("No memory with the id {0} exists.", id);

    public const string NothingToUpdate = "Nothing to update: give a new text, a new importance or both.";

    public static string Why(ScoreComponents components) =>
        Format("similarity {0:F2}, importance {1:F2}, recency {2:F2}", components.Similarity, components.Importance, components.Recency);

    // A model may echo megabytes back; an error message quotes at most a few dozen characters of it.
    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "...");

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
