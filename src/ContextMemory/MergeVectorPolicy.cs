namespace ContextMemory;

/// <summary>The embedding a merged memory keeps.</summary>
public enum MergeVectorPolicy
{
    /// <summary>The merged text (with its context) is embedded again.</summary>
    ReEmbed,

    /// <summary>The weighted average of the old and the new embedding (the Chrysalis plan: 0.4 old, 0.6 new), normalised.</summary>
    Average,
}
