namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>An item and its oracle score.</summary>
public readonly record struct Scored<T>(T Item, double Score);
