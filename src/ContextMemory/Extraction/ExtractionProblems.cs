namespace ContextMemory.Extraction;

/// <summary>
/// The problems of one extraction, bounded: a reply with a thousand bad items yields <see cref="MaxLines"/> lines and
/// one line counting the rest, not a thousand lines. Not thread-safe (one per extraction).
/// </summary>
internal sealed class ExtractionProblems
{
    /// <summary>The most problem lines kept; further problems are only counted.</summary>
    public const int MaxLines = 50;

    private readonly List<string> _lines = [];
    private int _dropped;

    public int Count => _lines.Count + _dropped;

    public void Add(string problem)
    {
        if (_lines.Count < MaxLines)
        {
            _lines.Add(problem);
        }
        else
        {
            _dropped++;
        }
    }

    /// <summary>The lines, with a last line counting those dropped.</summary>
    public IReadOnlyList<string> ToList() => _dropped == 0 ? [.. _lines] : [.. _lines, ExtractionMessages.MoreProblems(_dropped)];
}
