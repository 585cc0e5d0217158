using System.Text;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// What hybrid search should return, computed independently: keywords matched literally as phrases over the
/// tokens a full-text index sees (case-folded runs of letters and digits), and reciprocal rank fusion of the exact
/// vector ranking with the keyword ranking (each item scores the sum of 1 / (60 + rank) over the rankings that hold
/// it; ties keep the order in which the vector ranking, then the keyword ranking, first listed the items). The
/// rankings are complete, so tests using this oracle keep their collections smaller than the depth to which the
/// store reads each ranking (50 at least).
/// </summary>
public static class HybridOracle
{
    public const int RankConstant = 60;

    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>True when the tokens of <paramref name="keyword"/> occur, in order and adjacent, in <paramref name="text"/>.</summary>
    public static bool ContainsPhrase(string text, string keyword)
    {
        var phrase = Tokens(keyword);
        if (phrase.Count == 0)
        {
            return false;
        }

        var tokens = Tokens(text);
        for (var start = 0; start + phrase.Count <= tokens.Count; start++)
        {
            if (phrase.Select((t, i) => tokens[start + i] == t).All(x => x))
            {
                return true;
            }
        }

        return false;
    }

    public static List<(T Item, double Score)> Fuse<T>(IReadOnlyList<T> byVector, IReadOnlyList<T> byKeyword)
        where T : notnull
    {
        var scores = new Dictionary<T, double>();
        var order = new List<T>();
        foreach (var ranking in new[] { byVector, byKeyword })
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                if (!scores.ContainsKey(ranking[rank]))
                {
                    order.Add(ranking[rank]);
                }

                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + (1.0 / (RankConstant + rank + 1));
            }
        }

        return [.. order.Select((item, position) => (item, position)).OrderByDescending(p => scores[p.item]).ThenBy(p => p.position).Select(p => (p.item, scores[p.item]))];
    }
}
