namespace ContextMemory.Cli.Output;

/// <summary>The <c>eval --json</c> document: one entry per configuration.</summary>
internal sealed class EvalJson
{
    public required IReadOnlyList<EvalConfigurationJson> Configurations { get; init; }
}
