namespace ContextMemory.Recall;

/// <summary>
/// The keywords a query contributes to keyword search: its words (letters and digits), lower-cased, without common
/// stop words and one-letter words, distinct, at most <see cref="MaxKeywords"/>. The store matches each as a literal phrase.
/// </summary>
internal static class KeywordExtractor
{
    public const int MaxKeywords = 16;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
        "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she",
        "so", "that", "the", "their", "them", "then", "there", "they", "this", "to", "was", "we", "were", "what", "when", "where",
        "which", "who", "whom", "why", "will", "with", "would", "you", "your", "about", "any", "some", "tell",
    };

    public static List<string> From(string query)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= query.Length; i++)
        {
            var inWord = i < query.Length && char.IsLetterOrDigit(query[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                Add(words, query[start..i].ToLowerInvariant());
                start = -1;
            }

            if (words.Count == MaxKeywords)
            {
                break;
            }
        }

        return words;
    }

    private static void Add(List<string> words, string word)
    {
        if (word.Length > 1 && !StopWords.Contains(word) && !words.Contains(word))
        {
            words.Add(word);
        }
    }
}
