using System.Globalization;

namespace ContextMemory.Bench;

/// <summary><c>--name value</c> options with typed defaults; unknown options are an error.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchArguments(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'");
            }

            _values[args[i][2..]] = args[++i];
        }
    }

    public int GetInt32(string name, int fallback) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string GetText(string name, string fallback) => Get(name) ?? fallback;

    public bool GetBool(string name, bool fallback) =>
        Get(name) is { } text ? bool.Parse(text) : fallback;

    public int[] GetInt32List(string name, int[] fallback) =>
        Get(name) is { } text ? text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray() : fallback;

    /// <summary>Throws when an option was given that the benchmark never read (a typo would otherwise go unnoticed).</summary>
    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }

    private string? Get(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : null;
    }
}
