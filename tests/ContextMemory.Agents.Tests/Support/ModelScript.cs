using System.Text.Json;
using ContextMemory.Tests.Shared;
using Microsoft.Extensions.AI;

namespace ContextMemory.Agents.Tests.Support;

/// <summary>Scripted models that call tools the way a real model would.</summary>
internal static class ModelScript
{
    /// <summary>
    /// A model that answers each user turn by calling the given functions in turn, then replies with the text of
    /// every function result it received in that turn (so a test can read what the tools returned).
    /// </summary>
    public static ScriptedChatClient CallsThenEchoes(params (string Name, Dictionary<string, object?> Arguments)[] calls) =>
        new((messages, _) =>
        {
            var turn = messages.Skip(messages.ToList().FindLastIndex(m => m.Role == ChatRole.User) + 1).ToList();
            var results = turn.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).ToList();
            if (results.Count < calls.Length)
            {
                var (name, arguments) = calls[results.Count];
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call-{results.Count}", name, arguments)]));
            }

            var echoed = string.Join("\n", results.Select(r => r.Result is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(r.Result, AIJsonUtilities.DefaultOptions)));
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, echoed));
        });

    /// <summary>The arguments of a call, as a model sends them.</summary>
    public static Dictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value);
}
