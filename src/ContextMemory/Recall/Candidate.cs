using ContextMemory.Storage;

namespace ContextMemory.Recall;

/// <summary>A memory found by one or both rankings, with what scoring needs.</summary>
internal sealed class Candidate(MemoryEntity entity)
{
    public MemoryEntity Entity { get; } = entity;

    public int? VectorRank { get; set; }

    public int? KeywordRank { get; set; }

    public double Similarity { get; set; }

    public double Relevance { get; set; }
}
