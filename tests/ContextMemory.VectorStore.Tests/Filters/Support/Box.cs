namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>Holds a value the way a closure does, so generated filters capture values as well as embed constants.</summary>
internal sealed class Box<T>(T value)
{
    public T Value { get; } = value;
}
