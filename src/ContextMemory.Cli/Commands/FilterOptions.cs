using System.CommandLine;
using System.Globalization;

namespace ContextMemory.Cli.Commands;

/// <summary>The memory filter options shared by list, forget and recall: kind, tag, source, and a time range.</summary>
internal sealed class FilterOptions
{
    public Option<string[]> Kinds { get; } = new("--kind") { Description = "Only memories of this kind: fact or episode (repeatable).", HelpName = "KIND", AllowMultipleArgumentsPerToken = false };

    public Option<string[]> Tags { get; } = new("--tag") { Description = "Only memories carrying this tag (repeatable).", HelpName = "TAG" };

    public Option<string?> Source { get; } = new("--source") { Description = "Only memories from this source.", HelpName = "SOURCE" };

    public Option<string?> From { get; } = new("--from") { Description = "Only memories that occurred at or after this time (ISO 8601).", HelpName = "TIME" };

    public Option<string?> To { get; } = new("--to") { Description = "Only memories that occurred at or before this time (ISO 8601).", HelpName = "TIME" };

    public void AddTo(Command command, bool withSource = true)
    {
        command.Options.Add(Kinds);
        command.Options.Add(Tags);
        if (withSource)
        {
            command.Options.Add(Source);
        }

        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>The filter the options describe, or null when none is given.</summary>
    public MemoryFilter? Read(CommandContext context)
    {
        var kinds = context.Value(Kinds) is { Length: > 0 } names ? names.Select(MemoryKinds.Parse).Distinct().ToArray() : null;
        var tags = context.Value(Tags) is { Length: > 0 } given ? given : null;
        var source = context.Value(Source);
        var from = ParseTime(context.Value(From));
        var to = ParseTime(context.Value(To));
        return kinds is null && tags is null && source is null && from is null && to is null
            ? null
            : new MemoryFilter { Kinds = kinds, Tags = tags, Source = source, From = from, To = to };
    }

    public static DateTimeOffset? ParseTime(string? value) =>
        value is null
            ? null
            : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new CliException(ExitCodes.InvalidInput, CliErrors.BadDate(value));
}
