namespace ContextMemory.VectorData.Tests.Support;

/// <summary>
/// Ready-made scripted generators with distinguishable outputs.
/// </summary>
public static class Generators
{
    /// <summary>A string embedder whose vectors are [length, first char, marker], so each generator's output is recognisable by the marker.</summary>
    public static ScriptedEmbeddingGenerator<string> Text(float marker = 1f)
        => new(s => [s.Length, s.Length == 0 ? 0 : s[0], marker]);
}
