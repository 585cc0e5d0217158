using Microsoft.Extensions.AI;

namespace ChatBot;

/// <summary>
/// The online mode: the conversation goes to a model through a chat pipeline that recalls memories before each call and
/// offers the memory tools; the transcript is kept for the session.
/// </summary>
internal sealed class ModelResponder(IChatClient chat, ChatOptions options) : IResponder
{
    private readonly List<ChatMessage> _history =
    [
        new(ChatRole.System, "You are a helpful assistant with a long-term memory. Use the memory tools to remember what the user tells you about themselves and to look things up."),
    ];

    public async Task RespondAsync(string line, TextWriter output, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage(ChatRole.User, line));
        var response = await chat.GetResponseAsync(_history, options, cancellationToken);
        _history.AddRange(response.Messages);
        output.WriteLine($"bot> {response.Text}");
    }
}
