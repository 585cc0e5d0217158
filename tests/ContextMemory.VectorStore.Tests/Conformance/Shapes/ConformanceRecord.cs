namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>The typed conformance record; mapped by <see cref="Schema.Definition"/>, not by attributes.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class ConformanceRecord<TKey>
{
    public TKey Key { get; set; } = default!;

    public string Category { get; set; } = "";

    public int Number { get; set; }

    public double Weight { get; set; }

    public string[] Tags { get; set; } = [];

    public string Text { get; set; } = "";

    public ReadOnlyMemory<float>? Embedding { get; set; }

    public float[]? Alternate { get; set; }
}
