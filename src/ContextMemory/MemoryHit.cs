namespace ContextMemory;

/// <summary>One recalled memory.</summary>
public sealed class MemoryHit
{
    /// <summary>The memory.</summary>
    public required MemoryRecord Memory { get; init; }

    /// <summary>
    /// The final score, higher is better; comparable only within one recall. With the default (seed) method it is
    /// relevance x importance x recency, in 0..1. A connected memory scores 0.
    /// </summary>
    public double Score { get; init; }

    /// <summary>The parts of the score, when asked for.</summary>
    public ScoreComponents? Components { get; init; }

    /// <summary>Whether the memory was appended as a connection of a hit rather than found by the query.</summary>
    public bool IsConnection { get; init; }

    /// <summary>For a connection, the id of the hit it is connected to.</summary>
    public Guid? ConnectedFrom { get; init; }
}
