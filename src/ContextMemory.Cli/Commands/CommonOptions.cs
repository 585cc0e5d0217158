using System.CommandLine;

namespace ContextMemory.Cli.Commands;

/// <summary>Options several commands take.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as JSON instead of a table." };

    public static Argument<string> MemoryId() => new("id") { Description = "The memory's id (a GUID, as list and recall print it)." };

    public static Guid ParseId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw new CliException(ExitCodes.InvalidInput, CliErrors.BadId(value));

    public static int CheckRange(string option, int value, int max) =>
        value >= 1 && value <= max ? value : throw new CliException(ExitCodes.InvalidInput, CliErrors.BadLimit(option, value, max));
}
