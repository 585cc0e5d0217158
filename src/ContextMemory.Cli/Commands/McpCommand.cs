using System.CommandLine;
using ContextMemory.Cli.Mcp;
using ContextMemory.Tools;

namespace ContextMemory.Cli.Commands;

/// <summary>
/// <c>mcp</c>: serves the memory tools over MCP (stdio). The scope is the server's command line (<c>--user</c>,
/// <c>--agent</c>, <c>--conversation</c>): no tool takes a scope argument, so a calling model cannot reach another's
/// memories.
/// </summary>
internal sealed class McpCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("mcp", "Serve the memory tools over MCP on stdin/stdout, bound to the scope given on this command line (logs go to stderr).");
        runner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.RequireScope();
        // The same tools (names, descriptions, schemas, checks) as the Microsoft.Extensions.AI and Semantic Kernel idioms.
        var tools = MemoryTools.Create(context.Memory, scope, new MemoryToolOptions { Actor = "mcp", Source = "mcp" });
        var instructions = $"Long-term memory bound to {Scopes.Describe(scope)}. Recall before answering about the user; remember durable facts and events.";
        await McpServerHost.RunAsync(tools, instructions, context.LoggerFactory, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
