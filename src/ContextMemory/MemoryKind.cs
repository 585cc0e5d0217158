namespace ContextMemory;

/// <summary>What a memory is: a lasting fact, or an episode (an "episodic bubble") that happened at a time.</summary>
public enum MemoryKind
{
    /// <summary>A semantic fact ("the user is allergic to nuts"): its relevance does not decay with time.</summary>
    Fact = 0,

    /// <summary>An episodic bubble ("on Monday we planned the trip"): its recency decays from when it occurred.</summary>
    Episode = 1,
}
