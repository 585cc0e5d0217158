namespace ContextMemory.Cli.Output;

/// <summary>The <c>recall --json</c> document.</summary>
internal sealed class RecallJson
{
    public required string Query { get; init; }

    public required double ElapsedMilliseconds { get; init; }

    public required IReadOnlyList<HitJson> Hits { get; init; }
}
