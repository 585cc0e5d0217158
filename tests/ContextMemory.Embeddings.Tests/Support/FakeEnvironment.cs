namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>Environment variables for one test, without touching the process environment other tests share.</summary>
public sealed class FakeEnvironment(params (string Name, string Value)[] variables)
{
    private readonly Dictionary<string, string> _values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public string? Lookup(string name) => _values.TryGetValue(name, out var value) ? value : null;
}
