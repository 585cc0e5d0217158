using ContextMemory;
using ContextMemory.Agents;
using ContextMemory.Tools;
using Microsoft.Extensions.AI;

namespace ChatBot;

/// <summary>
/// The online mode: a real model. Before each call the memory middleware adds what the user's memories say about the
/// latest message; the memory tools let the model remember, recall, correct and forget on its own; each user message is
/// remembered as an episode of this conversation after the model answered.
/// </summary>
internal sealed class ModelResponder : IResponder, IDisposable
{
    private const string Instructions =
        "You are a friendly assistant with long-term memory across conversations. When the user tells you something " +
        "lasting about themselves, call remember with one self-contained sentence. Before answering a question about " +
        "the user, use the memories you were given or call recall. Be brief.";

    private readonly IChatClient _chat;
    private readonly ChatOptions _options;
    private readonly List<ChatMessage> _history = [new(ChatRole.System, Instructions)];
    private readonly MemoryService _memory;
    private readonly MemoryScope _conversation;

    public ModelResponder(IChatClient model, MemoryService memory, MemoryScope user, MemoryScope conversation)
    {
        _chat = model.AsBuilder()
            .UseContextMemory(memory, user, new ContextMemoryChatOptions { MaxMemories = 5 })
            .UseFunctionInvocation()
            .Build();
        _options = new ChatOptions { Tools = [.. MemoryTools.Create(memory, user, new MemoryToolOptions { Source = "chatbot" })] };
        _memory = memory;
        _conversation = conversation;
    }

    public async Task RespondAsync(string line, TextWriter output, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage(ChatRole.User, line));
        var response = await _chat.GetResponseAsync(_history, _options, cancellationToken);
        _history.AddRange(response.Messages);
        output.WriteLine($"bot> {response.Text}");
        await _memory.RememberAsync(
            _conversation, new NewMemory { Text = line, Kind = MemoryKind.Episode, Speaker = "user", Source = "chatbot" }, cancellationToken);
    }

    public void Dispose() => _chat.Dispose();
}
