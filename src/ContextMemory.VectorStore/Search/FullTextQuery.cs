using System.Text;

namespace ContextMemory.VectorStore.Search;

/// <summary>
/// Builds an FTS5 MATCH expression from user keywords. Every keyword becomes a quoted phrase (quotes doubled), so no
/// keyword can be read as FTS5 syntax; the expression itself is bound as a parameter.
/// </summary>
internal static class FullTextQuery
{
    /// <summary>The expression matching any of <paramref name="keywords"/> in <paramref name="column"/>; null when there is none.</summary>
    public static string? AnyOf(IEnumerable<string> keywords, string column)
    {
        var terms = new StringBuilder();
        foreach (var keyword in keywords)
        {
            if (string.IsNullOrWhiteSpace(keyword))
            {
                continue;
            }

            terms.Append(terms.Length == 0 ? string.Empty : " OR ")
                .Append('"')
                .Append(keyword.Replace("\"", "\"\"", StringComparison.Ordinal).Replace('\0', ' '))
                .Append('"');
        }

        return terms.Length == 0 ? null : $"{column} : ({terms})";
    }
}
