using System.Text.Json;
using ContextMemory.Cli.Tests.Support;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ContextMemory.Cli.Tests;

/// <summary>
/// <c>contextmemory mcp</c> end to end: the real process, the MCP package's own client over stdio, the tools listed
/// with their schemas, remember and recall, and recall again after the server restarts on the same data directory.
/// </summary>
public sealed class McpServerTests : IDisposable
{
    private readonly TemporaryDirectory _work = new("cm-mcp-");

    [Fact]
    public async Task Tools_are_listed_remember_and_recall_work_and_memories_survive_a_restart()
    {
        var data = _work.Combine("data");
        await using (var client = await ConnectAsync(data, "--user", "ada"))
        {
            var tools = await client.ListToolsAsync();
            var names = tools.Select(tool => tool.Name).ToList();
            Assert.Contains(McpToolNames.Remember, names);
            Assert.Contains(McpToolNames.Recall, names);
            foreach (var tool in tools)
            {
                Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
                var properties = tool.JsonSchema.GetProperty("properties");
                // The scope is the server's command line: no tool lets the model name whose memories it touches.
                foreach (var forbidden in new[] { "user", "userId", "agent", "agentId", "conversation", "conversationId", "scope" })
                {
                    Assert.False(properties.TryGetProperty(forbidden, out _), $"{tool.Name} takes '{forbidden}'");
                }
            }

            var remember = tools.Single(tool => tool.Name == McpToolNames.Remember);
            Assert.True(remember.JsonSchema.GetProperty("properties").TryGetProperty("text", out _));
            var stored = await client.CallToolAsync(McpToolNames.Remember, new Dictionary<string, object?> { ["text"] = "Ada's cat is called Lovelace." });
            Assert.NotEqual(true, stored.IsError);

            Assert.Contains("Lovelace", await RecallTextAsync(client, "What is the cat's name?"), StringComparison.Ordinal);
        }

        // A new server process on the same data directory remembers; one bound to another user sees nothing.
        await using (var client = await ConnectAsync(data, "--user", "ada"))
        {
            Assert.Contains("Lovelace", await RecallTextAsync(client, "What is the cat's name?"), StringComparison.Ordinal);
        }

        await using (var client = await ConnectAsync(data, "--user", "mallory"))
        {
            Assert.DoesNotContain("Lovelace", await RecallTextAsync(client, "What is the cat's name?"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_server_refuses_to_start_without_a_scope()
    {
        var result = await CliRun.ProcessAsync(["mcp", "--data-dir", _work.Combine("data")]);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal(CliErrors.Prefix + CliErrors.MissingScope, result.Error.Trim());
        Assert.Equal("", result.Output);
    }

    private static async Task<string> RecallTextAsync(McpClient client, string query)
    {
        var result = await client.CallToolAsync(McpToolNames.Recall, new Dictionary<string, object?> { ["query"] = query });
        Assert.NotEqual(true, result.IsError);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text))
            + (result.StructuredContent is { } structured ? JsonSerializer.Serialize(structured) : "");
    }

    private static Task<McpClient> ConnectAsync(string data, params string[] scope) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "contextmemory",
            Command = DotnetProcess.Host,
            Arguments = [CliRun.CliAssembly, "mcp", "--data-dir", data, .. scope],
            EnvironmentVariables = new Dictionary<string, string?> { ["CONTEXTMEMORY_DATA_DIR"] = null },
        }));

    public void Dispose() => _work.Dispose();
}
