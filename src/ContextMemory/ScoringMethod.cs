namespace ContextMemory;

/// <summary>How a candidate's relevance, importance and recency combine into its score.</summary>
public enum ScoringMethod
{
    /// <summary>
    /// The seed's product: relevance^w_r x importance^w_i x recency^w_t, recency = max(floor, exp(-decay x days since it
    /// occurred)) for episodes and 1 for facts. With the default weights (1) it is relevance x importance x recency.
    /// </summary>
    Product,

    /// <summary>
    /// The Generative Agents form: w_r x norm(relevance) + w_i x norm(importance) + w_t x norm(recency), each component
    /// min-max normalised over the candidates, recency = hourly decay ^ hours since last access (both kinds).
    /// </summary>
    GenerativeAgents,

    /// <summary>Relevance alone (importance and recency are reported but do not count).</summary>
    RelevanceOnly,
}
