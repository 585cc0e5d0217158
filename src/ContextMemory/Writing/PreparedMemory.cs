using ContextMemory.Storage;

namespace ContextMemory.Writing;

/// <summary>A validated new memory, not yet embedded, and whether it may merge into a near-identical one.</summary>
internal sealed record PreparedMemory(MemoryEntity Entity, bool MergeWithSimilar);
