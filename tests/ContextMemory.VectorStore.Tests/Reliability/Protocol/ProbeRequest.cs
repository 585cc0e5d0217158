namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// What the child process opens and searches in the index-damage test: each case is a store directory; for each case
/// it opens every listed collection, runs the same queries and reports warnings and results.
/// </summary>
public sealed record ProbeRequest(IReadOnlyList<ProbeCase> Cases, IReadOnlyList<ProbeTarget> Collections, int HnswEfSearch, int QueryCount, int Top)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public FaissIndexOptions IndexOptions => new()
    {
        DynamicThreshold = ReliabilitySchema.IndexOptions.DynamicThreshold,
        TrainingThreshold = ReliabilitySchema.IndexOptions.TrainingThreshold,
        CheckpointInterval = ReliabilitySchema.IndexOptions.CheckpointInterval,
        RebuildRatio = ReliabilitySchema.IndexOptions.RebuildRatio,
        HnswEfSearch = HnswEfSearch,
    };
}

public sealed record ProbeCase(string Name, string Directory);

public sealed record ProbeTarget(string Name, string IndexKind);
