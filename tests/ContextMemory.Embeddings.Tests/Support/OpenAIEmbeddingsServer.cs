using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random port) answering OpenAI's POST /v1/embeddings with scripted vectors, so the
/// real OpenAI client runs end to end; only the remote model is replaced.
/// </summary>
public sealed class OpenAIEmbeddingsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonObject> _requests = [];
    private readonly List<string?> _authorizations = [];
    private readonly Task _loop;

    public OpenAIEmbeddingsServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>The vector length the server answers with.</summary>
    public int Dimensions { get; set; } = 8;

    /// <summary>When set, every request is answered with this status and an OpenAI error body.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>When set, the server returns this many vectors instead of one per input.</summary>
    public int? VectorCount { get; set; }

    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_requests)
            {
                return [.. _authorizations];
            }
        }
    }

    public static float[] VectorFor(string text, int dimensions) => ScriptedModels.Vector(text, dimensions);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
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
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (_requests)
        {
            _requests.Add(body);
            _authorizations.Add(context.Request.Headers["Authorization"]);
        }

        var (status, answer) = context.Request.Url!.AbsolutePath != "/v1/embeddings"
            ? (HttpStatusCode.NotFound, Error("not found"))
            : FailWith is { } failure ? (failure, Error("scripted failure"))
            : (HttpStatusCode.OK, Embeddings(body));
        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private JsonObject Embeddings(JsonObject request)
    {
        var inputs = request["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToArray() : [request["input"]!.GetValue<string>()];
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < (VectorCount ?? inputs.Length); i++)
        {
            var vector = VectorFor(inputs[Math.Min(i, inputs.Length - 1)], Dimensions);
            JsonNode encoded = base64
                ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = encoded });
        }

        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Length, ["total_tokens"] = inputs.Length },
        };
    }

    private static JsonObject Error(string message) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["code"] = JsonValue.Create<string?>(null) } };
}
