using System.Text.Json;
using ContextMemory.Extraction;
using Microsoft.Extensions.AI;

namespace ContextMemory.Tests.Extraction;

/// <summary>A scripted model for extraction: one reply for the fact call, a script for the decision call, and readers of what the decision call showed.</summary>
internal static class ExtractionScript
{
    /// <summary>Whether a request is the decision call (the second one) rather than the fact call.</summary>
    public static bool IsDecisionRequest(IReadOnlyList<ChatMessage> request) => request[0].Text == ExtractionMessages.DecisionsInstructions;

    /// <summary>A model that answers the fact call with <paramref name="facts"/> and the decision call with <paramref name="decide"/> (or no decisions).</summary>
    public static ScriptedChatClient Model(string facts, Func<IReadOnlyList<ChatMessage>, string>? decide = null) =>
        new((messages, _) => new ChatResponse(new ChatMessage(
            ChatRole.Assistant, IsDecisionRequest(messages) ? decide?.Invoke(messages) ?? """{"items":[]}""" : facts)));

    /// <summary>The small id each memory text was shown under in a decision request.</summary>
    public static Dictionary<string, int> ShownIds(IReadOnlyList<ChatMessage> request)
    {
        using var json = JsonDocument.Parse(request[1].Text);
        return json.RootElement.GetProperty("existing").EnumerateArray()
            .ToDictionary(e => e.GetProperty("text").GetString()!, e => e.GetProperty("id").GetInt32());
    }

    /// <summary>The memory texts a decision request showed.</summary>
    public static List<string> ShownTexts(IReadOnlyList<ChatMessage> request) => [.. ShownIds(request).Keys];

    /// <summary>The fact texts a decision request listed.</summary>
    public static List<string> ListedFacts(IReadOnlyList<ChatMessage> request)
    {
        using var json = JsonDocument.Parse(request[1].Text);
        return [.. json.RootElement.GetProperty("facts").EnumerateArray().Select(e => e.GetProperty("text").GetString()!)];
    }
}
