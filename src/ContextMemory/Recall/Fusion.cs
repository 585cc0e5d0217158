namespace ContextMemory.Recall;

/// <summary>Relevance (0..1) from a candidate's similarity and ranks; the formulas are documented on <see cref="FusionMethod"/>.</summary>
internal static class Fusion
{
    /// <summary>The damping constant of reciprocal rank fusion.</summary>
    public const int RrfK = 60;

    public static double Relevance(ScoringOptions options, Candidate candidate, bool keywordRanking)
    {
        if (!keywordRanking)
        {
            return candidate.Similarity;
        }

        return options.Fusion switch
        {
            FusionMethod.ReciprocalRank =>
                (Reciprocal(candidate.VectorRank) + Reciprocal(candidate.KeywordRank)) / (2.0 / (RrfK + 1)),
            _ => ((1 - options.KeywordWeight) * candidate.Similarity)
                + (options.KeywordWeight * (candidate.KeywordRank is { } rank ? 1.0 / rank : 0)),
        };

        static double Reciprocal(int? rank) => rank is { } r ? 1.0 / (RrfK + r) : 0;
    }
}
