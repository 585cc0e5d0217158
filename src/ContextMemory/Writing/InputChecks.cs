namespace ContextMemory.Writing;

/// <summary>Validates what callers (and models, through tools) pass, before anything is embedded or written.</summary>
internal sealed class InputChecks(MemoryServiceOptions options)
{
    public string Text(string? text, string what = "text")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MemoryInputException(MemoryErrors.TextMissing);
        }

        if (text.Length > options.MaxTextLength)
        {
            throw new MemoryInputException(MemoryErrors.TextTooLong(what, text.Length, options.MaxTextLength));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new MemoryInputException(MemoryErrors.TextHasNul(what));
        }

        return text;
    }

    /// <summary>An optional label (source, speaker, title, actor): NUL and excess length refused like texts.</summary>
    public string? Label(string? value, string what) => value is null ? null : Text(value, what);

    public static double Importance(double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new MemoryInputException(MemoryErrors.BadImportance(value));

    public static MemoryKind Kind(MemoryKind kind) =>
        Enum.IsDefined(kind) ? kind : throw new MemoryInputException(MemoryErrors.BadKind((int)kind));

    public string[] Tags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return [];
        }

        if (tags.Count > options.MaxTags)
        {
            throw new MemoryInputException(MemoryErrors.TooManyTags(tags.Count, options.MaxTags));
        }

        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag) || tag.Length > options.MaxTagLength || tag.Any(char.IsControl))
            {
                throw new MemoryInputException(MemoryErrors.BadTag(options.MaxTagLength));
            }
        }

        return [.. tags.Distinct(StringComparer.Ordinal)];
    }

    public int Limit(int value, string name) =>
        value >= 1 && value <= options.MaxLimit ? value : throw new MemoryInputException(MemoryErrors.BadLimit(name, value, options.MaxLimit));

    public static int Skip(int value) => value >= 0 ? value : throw new MemoryInputException(MemoryErrors.BadSkip(value));

    public static double? Relevance(double? value) =>
        value is not { } v || (double.IsFinite(v) && v is >= 0 and <= 1) ? value : throw new MemoryInputException(MemoryErrors.BadRelevance(v));

    public void Filter(IReadOnlyList<MemoryKind>? kinds, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string>? tags, string? source)
    {
        foreach (var kind in kinds ?? [])
        {
            Kind(kind);
        }

        if (from > to)
        {
            throw new MemoryInputException(MemoryErrors.BadTimeRange);
        }

        Tags(tags);
        Label(source, "source");
    }
}
