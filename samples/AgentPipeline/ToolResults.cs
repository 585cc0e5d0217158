using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentPipeline;

/// <summary>Reads the memory tools' JSON results out of a conversation.</summary>
internal static class ToolResults
{
    /// <summary>The function results after the last user message: what the tools returned during this turn.</summary>
    public static List<FunctionResultContent> ThisTurn(IReadOnlyList<ChatMessage> messages)
    {
        var lastUser = messages.ToList().FindLastIndex(m => m.Role == ChatRole.User);
        return [.. messages.Skip(lastUser + 1).SelectMany(m => m.Contents.OfType<FunctionResultContent>())];
    }

    public static JsonElement Json(FunctionResultContent result) =>
        result.Result is JsonElement json ? json : JsonSerializer.SerializeToElement(result.Result, AIJsonUtilities.DefaultOptions);

    /// <summary>The (text, score) of each memory a recall returned.</summary>
    public static List<(string Text, double Score)> Recalled(FunctionResultContent result)
    {
        var json = Json(result);
        return json.TryGetProperty("memories", out var memories) && memories.ValueKind == JsonValueKind.Array
            ? [.. memories.EnumerateArray().Select(m => (m.GetProperty("text").GetString() ?? "", m.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0))]
            : [];
    }

    /// <summary>The status a tool reported ("added", "merged", "recalled", "error", ...).</summary>
    public static string Status(FunctionResultContent result) =>
        Json(result).TryGetProperty("status", out var status) ? status.GetString() ?? "?" : "?";
}
