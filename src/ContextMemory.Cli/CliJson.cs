using System.Text.Json;

namespace ContextMemory.Cli;

/// <summary>The two JSON styles: indented documents (<c>--json</c>) and one object per line (JSONL files).</summary>
internal static class CliJson
{
    public static CliJsonContext Documents => CliJsonContext.Default;

    public static CliJsonContext Lines { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options) { WriteIndented = false });
}
