namespace ContextMemory;

/// <summary>Counts over the whole store (a host-level view across scopes, for operators, not agents).</summary>
public sealed class MemoryStatistics
{
    /// <summary>All memories.</summary>
    public int Total { get; init; }

    /// <summary>Facts.</summary>
    public int Facts { get; init; }

    /// <summary>Episodes.</summary>
    public int Episodes { get; init; }

    /// <summary>History entries.</summary>
    public int HistoryEntries { get; init; }

    /// <summary>Memories per stored scope, most first.</summary>
    public required IReadOnlyList<ScopeCount> Scopes { get; init; }

    /// <summary>The embedding model the store was created with.</summary>
    public required string EmbeddingModelId { get; init; }

    /// <summary>The vector length the store was created with.</summary>
    public int Dimensions { get; init; }
}
