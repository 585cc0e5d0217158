namespace ContextMemory.Cli;

/// <summary>The kinds' names on the command line and in files: <c>fact</c> and <c>episode</c>.</summary>
internal static class MemoryKinds
{
    public static string Name(MemoryKind kind) => kind == MemoryKind.Episode ? "episode" : "fact";

    public static bool TryParse(string? value, out MemoryKind kind)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "FACT":
                kind = MemoryKind.Fact;
                return true;
            case "EPISODE":
                kind = MemoryKind.Episode;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static MemoryKind Parse(string value) =>
        TryParse(value, out var kind) ? kind : throw new CliException(ExitCodes.InvalidInput, CliErrors.BadKind(value));
}
