namespace ContextMemory;

/// <summary>
/// A deterministic importance estimate for texts remembered without one (no model call): the same text always gets the
/// same value, in 0.1..0.9, rounded to two decimals.
/// </summary>
/// <remarks>
/// Start at 0.5, then: +0.15 when the text states something lasting about a person (first-person identity, preference
/// or constraint: "my", "i am", "i like", "i prefer", "allergic", "always", "never", "name is", ...); +0.1 when it marks
/// itself as important ("important", "remember", "must", "deadline", "birthday", "password", ...); +0.05 when it holds a
/// digit (dates, amounts, numbers); -0.15 for a text of fewer than four words (acknowledgements such as "ok thanks");
/// -0.1 for small talk ("hello", "thanks", "lol", ...). Words are matched case-insensitively, as whole words. Thread-safe.
/// </remarks>
public static class ImportanceHeuristic
{
    private static readonly string[] Personal =
        ["my", "mine", "i'm", "i am", "i like", "i love", "i hate", "i prefer", "i need", "i want", "allergic", "always", "never", "name is", "favorite", "favourite"];

    private static readonly string[] Marked =
        ["important", "remember", "must", "deadline", "birthday", "anniversary", "password", "appointment", "urgent", "don't forget"];

    private static readonly string[] SmallTalk = ["hello", "hi", "thanks", "thank you", "ok", "okay", "lol", "bye", "cool"];

    /// <summary>Estimates how much <paramref name="text"/> matters.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A value in 0.1..0.9.</returns>
    public static double Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.ToLowerInvariant()
            .Split([' ', '\t', '\r', '\n', ',', '.', '!', '?', ';', ':', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries);
        var joined = " " + string.Join(' ', words) + " ";
        var score = 0.5;
        if (ContainsAny(joined, Personal))
        {
            score += 0.15;
        }

        if (ContainsAny(joined, Marked))
        {
            score += 0.1;
        }

        if (text.Any(char.IsDigit))
        {
            score += 0.05;
        }

        if (words.Length < 4)
        {
            score -= 0.15;
        }

        if (ContainsAny(joined, SmallTalk))
        {
            score -= 0.1;
        }

        return Math.Round(Math.Clamp(score, 0.1, 0.9), 2);
    }

    private static bool ContainsAny(string joined, string[] phrases) =>
        phrases.Any(p => joined.Contains(" " + p + " ", StringComparison.Ordinal));
}
