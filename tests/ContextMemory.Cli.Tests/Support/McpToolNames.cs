namespace ContextMemory.Cli.Tests.Support;

/// <summary>The memory tools' names as the server lists them.</summary>
internal static class McpToolNames
{
    public const string Remember = "remember";

    public const string Recall = "recall";
}
