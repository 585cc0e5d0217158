namespace ContextMemory.Tests.Shared;

/// <summary>
/// One record as the in-memory store keeps it: copies of its key and data values by storage name, and the float vectors
/// of its vector properties (given or generated), so that callers mutating their objects never change what is stored.
/// </summary>
/// <param name="Sequence">Insertion order: the order of unordered reads and of equal scores.</param>
/// <param name="Values">Key and data values, and the values of vector properties that hold vectors themselves.</param>
/// <param name="Vectors">The vector of each vector property that has one.</param>
internal sealed record StoredRecord(long Sequence, IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, float[]> Vectors);
