using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContextMemory.Samples.Tests;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint on the loopback interface, standing in for the remote model (the one
/// part that cannot run here): it records each request body and answers from a script, in OpenAI's wire format.
/// </summary>
internal sealed class FakeOpenAIServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<JsonNode, int, JsonObject> _reply;
    private readonly List<JsonNode> _requests = [];
    private readonly Task _serving;

    /// <param name="reply">The assistant message for a request body and its index: see <see cref="Text"/> and <see cref="ToolCall"/>.</param>
    public FakeOpenAIServer(Func<JsonNode, int, JsonObject> reply)
    {
        _reply = reply;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public IReadOnlyList<JsonNode> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static JsonObject Text(string content) => new() { ["role"] = "assistant", ["content"] = content };

    public static JsonObject ToolCall(string name, object arguments) => new()
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["id"] = "call_1",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.Serialize(arguments) },
        }),
    };

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            int index;
            lock (_requests)
            {
                index = _requests.Count;
                _requests.Add(body);
            }

            var message = _reply(body, index);
            var finish = message.ContainsKey("tool_calls") ? "tool_calls" : "stop";
            var response = new JsonObject
            {
                ["id"] = $"chatcmpl-{index}",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = body["model"]?.GetValue<string>() ?? "model",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            };
            var bytes = Encoding.UTF8.GetBytes(response.ToJsonString());
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
