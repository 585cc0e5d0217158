using Microsoft.Extensions.AI;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// An <see cref="IChatClient"/> standing in for a remote model: each call's messages are recorded and the reply is
/// computed by a script from them. Streaming calls return the scripted reply as one update.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> _reply;
    private readonly List<IReadOnlyList<ChatMessage>> _requests = [];
    private readonly List<ChatOptions?> _options = [];

    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> reply) => _reply = reply;

    /// <summary>A client that answers every call with <paramref name="text"/>.</summary>
    public static ScriptedChatClient Replying(string text) =>
        new((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    /// <summary>A client that answers its calls with <paramref name="replies"/> in order; a call after the last reply fails the test.</summary>
    public static ScriptedChatClient Answering(params string[] replies)
    {
        var next = 0;
        return new((_, _) =>
        {
            var index = Interlocked.Increment(ref next) - 1;
            return index < replies.Length
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, replies[index]))
                : throw new InvalidOperationException($"The script has {replies.Length} replies; call {index + 1} was not expected.");
        });
    }

    /// <summary>The messages of every call, in call order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The options of every call, in call order.</summary>
    public IReadOnlyList<ChatOptions?> RequestOptions
    {
        get
        {
            lock (_requests)
            {
                return [.. _options];
            }
        }
    }

    /// <summary>What the model read in the last call: the options' instructions (if any) and the text of every message, joined by new lines.</summary>
    public string LastRequestText =>
        string.Join("\n", new[] { RequestOptions[^1]?.Instructions }.Concat(Requests[^1].Select(m => m.Text)).OfType<string>());

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = messages.ToArray();
        lock (_requests)
        {
            _requests.Add(request);
            _options.Add(options);
        }

        return Task.FromResult(_reply(request, options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
