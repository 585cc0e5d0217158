namespace ContextMemory;

/// <summary>How many memories one stored scope holds.</summary>
/// <param name="Scope">The scope, exactly as stored.</param>
/// <param name="Count">Its memories.</param>
public sealed record ScopeCount(MemoryScope Scope, int Count);
