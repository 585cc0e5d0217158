using System.Globalization;
using System.Text;

namespace ContextMemory.Writing;

/// <summary>Composes what is embedded and keyword-indexed: <c>[title] yyyy-MM-dd speaker: text</c>, per <see cref="MemoryTextContext"/>.</summary>
internal static class EmbeddedText
{
    public static string Compose(MemoryTextContext context, string text, string? speaker, DateTimeOffset occurredAt, string? title)
    {
        var builder = new StringBuilder();
        if (context.HasFlag(MemoryTextContext.ConversationTitle) && !string.IsNullOrWhiteSpace(title))
        {
            builder.Append('[').Append(title).Append("] ");
        }

        if (context.HasFlag(MemoryTextContext.Time))
        {
            builder.Append(occurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(' ');
        }

        if (context.HasFlag(MemoryTextContext.Speaker) && !string.IsNullOrWhiteSpace(speaker))
        {
            builder.Append(speaker).Append(": ");
        }

        return builder.Append(text).ToString();
    }
}
