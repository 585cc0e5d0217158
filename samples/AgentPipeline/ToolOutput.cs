using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>
/// Reads the tool calls and tool results of a conversation as a model receives them (JSON): the scripted model decides
/// from them, and the report prints them.
/// </summary>
internal static class ToolOutput
{
    /// <summary>Each tool result in <paramref name="messages"/>, in order, with the name of the function that produced it.</summary>
    public static IReadOnlyList<(string Name, JsonElement Result)> Results(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var names = list.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return [.. list.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .Select(r => (names.GetValueOrDefault(r.CallId) ?? "?", AsJson(r.Result)))];
    }

    /// <summary>The results of one function.</summary>
    public static IReadOnlyList<JsonElement> ResultsOf(IEnumerable<ChatMessage> messages, string name) =>
        [.. Results(messages).Where(r => r.Name == name).Select(r => r.Result)];

    /// <summary>The memories of a recall result, best first.</summary>
    public static IReadOnlyList<ToolItem> Memories(JsonElement result) =>
        Property(result, "memories") is { ValueKind: JsonValueKind.Array } memories ? [.. memories.EnumerateArray().Select(ReadItem)] : [];

    /// <summary>The memory a remember result stored (with the result's status), if any.</summary>
    public static ToolItem? Stored(JsonElement result) =>
        Property(result, "memory") is { ValueKind: JsonValueKind.Object } memory
            ? ReadItem(memory) with { Status = String(result, "status") }
            : null;

    /// <summary>Why a tool refused, if it did.</summary>
    public static string? Error(JsonElement result) => String(result, "error");

    /// <summary>The notes of a search_notes result, nearest first.</summary>
    public static IReadOnlyList<ToolItem> Notes(JsonElement result) =>
        result.ValueKind == JsonValueKind.Array ? [.. result.EnumerateArray().Select(ReadItem)] : [];

    private static ToolItem ReadItem(JsonElement element) =>
        new(String(element, "id"), String(element, "text") ?? "", Property(element, "score") is { ValueKind: JsonValueKind.Number } score ? score.GetDouble() : null,
            String(element, "topic"), null);

    private static JsonElement AsJson(object? result) => result switch
    {
        JsonElement element => element,
        string text when text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[') => JsonDocument.Parse(text).RootElement.Clone(),
        _ => JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions),
    };

    private static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    // The tools' results are serialized with AIJsonUtilities.DefaultOptions: camelCase property names.
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
