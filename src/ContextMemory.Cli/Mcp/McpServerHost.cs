using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ContextMemory.Cli.Mcp;

/// <summary>
/// Serves a fixed set of tools over MCP on stdin/stdout until the client disconnects or the run is cancelled.
/// Stdout carries only the protocol: every log line goes to stderr.
/// </summary>
internal static class McpServerHost
{
    public const string ServerName = "contextmemory";

    public static async Task RunAsync(IEnumerable<AIFunction> tools, string instructions, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = ServerName, Version = Version },
            ServerInstructions = instructions,
            ToolCollection = [],
        };
        foreach (var tool in tools)
        {
            options.ToolCollection.Add(McpServerTool.Create(tool));
        }

        var transport = new StdioServerTransport(ServerName, loggerFactory);
        await using (transport.ConfigureAwait(false))
        {
            var server = McpServer.Create(transport, options, loggerFactory);
            await using (server.ConfigureAwait(false))
            {
                await server.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Version =>
        typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
