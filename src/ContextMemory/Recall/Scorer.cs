using ContextMemory.Storage;

namespace ContextMemory.Recall;

/// <summary>The scoring formulas of <see cref="ScoringMethod"/>; pure functions of the candidates, the options and "now".</summary>
internal static class Scorer
{
    private const double TicksPerDay = TimeSpan.TicksPerDay;
    private const double TicksPerHour = TimeSpan.TicksPerHour;

    /// <summary>The product's recency: 1 for facts; max(floor, exp(-decay x days since it occurred)) for episodes (a future time counts as now).</summary>
    public static double ProductRecency(ScoringOptions options, MemoryEntity entity, DateTimeOffset now)
    {
        if (entity.Kind != (int)MemoryKind.Episode)
        {
            return 1;
        }

        var days = Math.Max(0, now.UtcTicks - entity.OccurredAt) / TicksPerDay;
        return Math.Max(options.RecencyFloor, Math.Exp(-options.DecayPerDay * days));
    }

    /// <summary>The Generative Agents recency: hourly decay ^ hours since the memory was last accessed.</summary>
    public static double AccessRecency(ScoringOptions options, MemoryEntity entity, DateTimeOffset now)
    {
        var hours = Math.Max(0, now.UtcTicks - entity.LastAccessedAt) / TicksPerHour;
        return Math.Pow(options.HourlyDecay, hours);
    }

    /// <summary>Scores every candidate; the result is in candidate order.</summary>
    public static List<ScoreComponents> Score(ScoringOptions options, IReadOnlyList<Candidate> candidates, DateTimeOffset now)
    {
        var recency = candidates
            .Select(c => options.Method == ScoringMethod.GenerativeAgents ? AccessRecency(options, c.Entity, now) : ProductRecency(options, c.Entity, now))
            .ToList();
        var finals = options.Method switch
        {
            ScoringMethod.GenerativeAgents => WeightedSum(options, candidates, recency),
            ScoringMethod.RelevanceOnly => [.. candidates.Select(c => c.Relevance)],
            _ => candidates.Select((c, i) =>
                Power(c.Relevance, options.RelevanceWeight) * Power(c.Entity.Importance, options.ImportanceWeight) * Power(recency[i], options.RecencyWeight)).ToList(),
        };

        return [.. candidates.Select((c, i) => new ScoreComponents
        {
            Similarity = c.Similarity,
            KeywordRank = c.KeywordRank,
            VectorRank = c.VectorRank,
            Relevance = c.Relevance,
            Importance = c.Entity.Importance,
            Recency = recency[i],
            Final = finals[i],
        })];
    }

    private static List<double> WeightedSum(ScoringOptions options, IReadOnlyList<Candidate> candidates, List<double> recency)
    {
        var relevance = Normalised([.. candidates.Select(c => c.Relevance)]);
        var importance = Normalised([.. candidates.Select(c => c.Entity.Importance)]);
        var recent = Normalised(recency);
        return [.. candidates.Select((_, i) =>
            (options.RelevanceWeight * relevance[i]) + (options.ImportanceWeight * importance[i]) + (options.RecencyWeight * recent[i]))];
    }

    /// <summary>Min-max normalisation; when every value is equal each normalises to 1 (each is the best there is).</summary>
    public static List<double> Normalised(List<double> values)
    {
        if (values.Count == 0)
        {
            return values;
        }

        var min = values.Min();
        var range = values.Max() - min;
        return [.. values.Select(v => range == 0 ? 1 : (v - min) / range)];
    }

    /// <summary>x^w, exactly x for the default weight 1 and 1 for weight 0.</summary>
    private static double Power(double x, double weight) => weight switch
    {
        1 => x,
        0 => 1,
        _ => Math.Pow(Math.Max(0, x), weight),
    };
}
