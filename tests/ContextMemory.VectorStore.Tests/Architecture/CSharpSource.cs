using System.Text;
using System.Text.RegularExpressions;

namespace ContextMemory.VectorStore.Tests.Architecture;

/// <summary>
/// Just enough C# lexing to see which names a file uses: comments and the text of string and character literals are
/// blanked (the code inside interpolation holes is kept), then every identifier is a candidate type name.
/// </summary>
internal static partial class CSharpSource
{
    /// <summary>The code with comments and literal text replaced by spaces; line breaks are kept.</summary>
    public static string StripCommentsAndLiterals(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        var position = 0;
        ScanCode(text, ref position, output, insideHole: false);
        return output.ToString();
    }

    /// <summary>The names of the types a stripped file declares at the top level (file-scoped namespaces: column 0).</summary>
    public static IEnumerable<string> DeclaredTypes(string strippedCode) =>
        TopLevelDeclaration().Matches(strippedCode).Select(match => match.Groups["name"].Value);

    /// <summary>Every identifier of a stripped file, member names included.</summary>
    public static IReadOnlySet<string> Identifiers(string strippedCode) =>
        Identifier().Matches(strippedCode).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static void ScanCode(string text, ref int i, StringBuilder output, bool insideHole)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && Peek(text, i + 1) == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && Peek(text, i + 1) == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end + 2;
                Blank(text, i, stop, output);
                i = stop;
            }
            else if (c == '\'')
            {
                SkipCharLiteral(text, ref i, output);
            }
            else if (StringStart(text, i) is { } literal)
            {
                i += literal.PrefixLength;
                output.Append(' ', literal.PrefixLength);
                ScanString(text, ref i, output, literal);
            }
            else if (c == '{')
            {
                depth++;
                output.Append(c);
                i++;
            }
            else if (c == '}')
            {
                if (insideHole && depth == 0)
                {
                    return;
                }

                depth--;
                output.Append(c);
                i++;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
    }

    private static void ScanString(string text, ref int i, StringBuilder output, StringLiteral literal)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (literal.Quotes > 0)
            {
                if (c == '"' && Run(text, i, '"') >= literal.Quotes)
                {
                    i += literal.Quotes;
                    output.Append(' ', literal.Quotes);
                    return;
                }
            }
            else if (c == '"')
            {
                if (literal.Verbatim && Peek(text, i + 1) == '"')
                {
                    i += 2;
                    output.Append("  ");
                    continue;
                }

                i++;
                output.Append(' ');
                return;
            }
            else if (c == '\\' && !literal.Verbatim)
            {
                i += 2;
                output.Append("  ");
                continue;
            }

            if (c == '{' && literal.Dollars > 0)
            {
                var braces = Run(text, i, '{');
                var escaped = literal.Quotes == 0 && braces >= 2;
                if (!escaped && braces >= literal.Dollars)
                {
                    // The hole's code is kept: a type named there is used.
                    output.Append(' ', braces);
                    i += braces;
                    ScanCode(text, ref i, output, insideHole: true);
                    var closing = Math.Min(Run(text, i, '}'), literal.Dollars);
                    output.Append(' ', closing);
                    i += closing;
                    continue;
                }

                output.Append(' ', braces);
                i += braces;
                continue;
            }

            output.Append(c == '\n' ? '\n' : ' ');
            i++;
        }
    }

    private static void SkipCharLiteral(string text, ref int i, StringBuilder output)
    {
        var j = i + 1;
        if (Peek(text, j) == '\\')
        {
            j += 2;
        }
        else
        {
            j++;
        }

        while (j < text.Length && text[j] != '\'' && text[j] != '\n')
        {
            j++;
        }

        var stop = Math.Min(j + 1, text.Length);
        Blank(text, i, stop, output);
        i = stop;
    }

    /// <summary>A literal starting at <paramref name="i"/>: <c>"</c>, <c>@"</c>, <c>$"</c>, <c>$@"</c>, <c>@$"</c>, or a raw <c>$$"""</c>.</summary>
    private static StringLiteral? StringStart(string text, int i)
    {
        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < text.Length && (text[j] == '$' || text[j] == '@'))
        {
            if (text[j] == '$')
            {
                dollars++;
            }
            else
            {
                verbatim = true;
            }

            j++;
        }

        if (Peek(text, j) != '"')
        {
            return null;
        }

        var quotes = Run(text, j, '"');
        if (quotes >= 3 && !verbatim)
        {
            return new StringLiteral(j - i + quotes, dollars, Verbatim: true, quotes);
        }

        return new StringLiteral(j - i + 1, dollars, verbatim, Quotes: 0);
    }

    private static int Run(string text, int i, char c)
    {
        var j = i;
        while (j < text.Length && text[j] == c)
        {
            j++;
        }

        return j - i;
    }

    private static char Peek(string text, int i) => i < text.Length ? text[i] : '\0';

    private static void Blank(string text, int from, int to, StringBuilder output)
    {
        for (var k = from; k < to; k++)
        {
            output.Append(text[k] == '\n' ? '\n' : ' ');
        }
    }

    [GeneratedRegex(@"^(?:(?:public|internal|file|sealed|static|abstract|readonly|partial|ref|unsafe)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?<name>[A-Za-z_]\w*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelDeclaration();

    [GeneratedRegex(@"(?<!\w)[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    /// <param name="PrefixLength">Characters up to and including the opening quote(s).</param>
    /// <param name="Dollars">How many <c>$</c>: 0 for a plain literal; a hole opens with that many braces.</param>
    /// <param name="Verbatim">Backslashes are text (<c>@</c> and raw literals).</param>
    /// <param name="Quotes">For a raw literal, the quotes that close it; 0 otherwise.</param>
    private readonly record struct StringLiteral(int PrefixLength, int Dollars, bool Verbatim, int Quotes);
}
