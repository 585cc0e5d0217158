namespace ContextMemory;

/// <summary>Settings of a <see cref="MemoryService"/>. Read once, when the service is created; do not change them afterwards.</summary>
public sealed class MemoryServiceOptions
{
    /// <summary>The configuration section <c>AddContextMemory</c> binds.</summary>
    public const string SectionName = "ContextMemory:Memory";

    /// <summary>Prefix of the service's collection names (<c>{prefix}_memories</c>, <c>{prefix}_history</c>, <c>{prefix}_store</c>).</summary>
    public string CollectionPrefix { get; set; } = "contextmemory";

    /// <summary>How recall scores candidates.</summary>
    public ScoringOptions Scoring { get; set; } = new();

    /// <summary>Where recall takes candidates from by default.</summary>
    public RetrievalMode Retrieval { get; set; } = RetrievalMode.Hybrid;

    /// <summary>The context embedded and keyword-indexed with each text; the speaker by default.</summary>
    public MemoryTextContext EmbeddedContext { get; set; } = MemoryTextContext.Speaker;

    /// <summary>
    /// A new memory whose similarity to one of the same scope and kind reaches this merges into it; above 1 turns merging
    /// off. The default, 0.90, is measured on the local model (arctic-embed-xs): one speaker's unrelated statements score
    /// 0.74-0.86 against each other and restatements 0.93-0.99, so the Chrysalis plan's 0.85 would merge distinct facts.
    /// With another embedder, measure its spread and set this between the two.
    /// </summary>
    public double MergeThreshold { get; set; } = 0.90;

    /// <summary>The text a merge keeps.</summary>
    public MergeTextPolicy MergeText { get; set; } = MergeTextPolicy.Replace;

    /// <summary>The embedding a merge keeps.</summary>
    public MergeVectorPolicy MergeVector { get; set; } = MergeVectorPolicy.ReEmbed;

    /// <summary>
    /// A new episode connects both ways to earlier episodes of its scope at least this similar. The default, 0.85, is
    /// set on the local model (arctic-embed-xs, speaker-prefixed): pairs of episodes about one event scored 0.825-0.897,
    /// pairs about different events of the same speaker 0.741-0.822, so 0.85 keeps connections to clearly related
    /// episodes. With another embedder, measure its spread and set this between the two.
    /// </summary>
    public double ConnectionThreshold { get; set; } = 0.85;

    /// <summary>How many earlier episodes a new episode connects to (0 turns connections off).</summary>
    public int ConnectionsPerEpisode { get; set; } = 3;

    /// <summary>The most connections one memory keeps; further links are not added to a memory that has them.</summary>
    public int MaxConnections { get; set; } = 10;

    /// <summary>Connected memories recall appends per hit (the seed's 2).</summary>
    public int ConnectedPerHit { get; set; } = 2;

    /// <summary>Connected memories recall appends in all (the seed's 3).</summary>
    public int ConnectedTotal { get; set; } = 3;

    /// <summary>Whether recall writes the hits' last-accessed time (the Generative Agents recency reads it).</summary>
    public bool UpdateLastAccessedOnRecall { get; set; } = true;

    /// <summary>The longest text (and query) accepted, in characters.</summary>
    public int MaxTextLength { get; set; } = 32_000;

    /// <summary>The longest tag accepted, in characters.</summary>
    public int MaxTagLength { get; set; } = 128;

    /// <summary>The most tags per memory.</summary>
    public int MaxTags { get; set; } = 32;

    /// <summary>The largest recall limit and list page.</summary>
    public int MaxLimit { get; set; } = 1_000;

    /// <summary>How many query embeddings the in-process cache keeps.</summary>
    public int QueryCacheSize { get; set; } = 1_024;

    /// <summary>A recall whose store searches take longer than this is logged as a warning with the collection size.</summary>
    public TimeSpan SlowSearchThreshold { get; set; } = TimeSpan.FromMilliseconds(250);
}
