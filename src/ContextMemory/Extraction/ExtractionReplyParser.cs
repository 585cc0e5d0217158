using System.Globalization;
using System.Text.Json;

namespace ContextMemory.Extraction;

/// <summary>
/// Reads the model's replies tolerantly: JSON inside code fences or prose, an array or an object holding one, field
/// names in other common spellings, numbers as strings, importances out of range (clamped). What cannot be read is a
/// problem, never an exception.
/// </summary>
internal static class ExtractionReplyParser
{
    /// <summary>Replies longer than this are not read at all.</summary>
    public const int MaxReplyLength = 1_000_000;

    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    private static readonly string[] ListNames = ["items", "facts", "memories", "decisions", "results"];
    private static readonly string[] TextNames = ["text", "fact", "memory", "content", "new_text", "newText"];
    private static readonly string[] OperationNames = ["event", "operation", "action", "op", "decision"];

    public static List<CandidateFact>? Facts(string reply, int maxFacts, List<string> problems)
    {
        if (Items(reply, "extraction", problems) is not { } items)
        {
            return null;
        }

        var facts = new List<CandidateFact>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : String(item, TextNames);
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(ExtractionMessages.FactUnreadable(i));
                continue;
            }

            facts.Add(new CandidateFact(text.Trim(), item.ValueKind == JsonValueKind.Object ? Importance(item) : null));
        }

        if (facts.Count > maxFacts)
        {
            problems.Add(ExtractionMessages.FactsIgnored(facts.Count, maxFacts));
            facts.RemoveRange(maxFacts, facts.Count - maxFacts);
        }

        return facts;
    }

    public static List<(ExtractionDecision Decision, string? RawId)>? Decisions(string reply, int factCount, List<string> problems)
    {
        if (Items(reply, "decision", problems) is not { } items)
        {
            return null;
        }

        var decisions = new List<(ExtractionDecision, string?)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var fact = item.ValueKind == JsonValueKind.Object ? Integer(item, "fact") ?? Integer(item, "index") : null;
            var operation = item.ValueKind == JsonValueKind.Object ? Operation(String(item, OperationNames)) : null;
            if (fact is not { } index || index < 0 || index >= factCount || operation is null)
            {
                problems.Add(ExtractionMessages.DecisionUnreadable(i));
                continue;
            }

            var rawId = item.TryGetProperty("id", out var id) ? Raw(id) : null;
            decisions.Add((new ExtractionDecision(index, operation.Value, rawId is null ? null : SmallInteger(rawId), String(item, TextNames)), rawId));
        }

        return decisions;
    }

    private static List<JsonElement>? Items(string reply, string phase, List<string> problems)
    {
        if (reply.Length > MaxReplyLength)
        {
            problems.Add(ExtractionMessages.TooLarge(phase, reply.Length, MaxReplyLength));
            return null;
        }

        var json = JsonText(reply);
        if (json is null)
        {
            problems.Add(ExtractionMessages.NoJson);
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, Lenient);
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Array ? root : ListNames.Select(n => Property(root, n)).FirstOrDefault(p => p?.ValueKind == JsonValueKind.Array);
            if (list is not { } array)
            {
                problems.Add(ExtractionMessages.Unparsable(phase, "no list of items"));
                return null;
            }

            return [.. array.EnumerateArray().Select(e => e.Clone())];
        }
        catch (JsonException e)
        {
            problems.Add(ExtractionMessages.Unparsable(phase, e.Message));
            return null;
        }
    }

    /// <summary>The JSON in a reply: the text itself, or what lies between the first opening and the last closing bracket (code fences and prose around it ignored).</summary>
    private static string? JsonText(string reply)
    {
        var start = reply.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return null;
        }

        var close = reply[start] == '{' ? '}' : ']';
        var end = reply.LastIndexOf(close);
        return end > start ? reply[start..(end + 1)] : null;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement item, string[] names) =>
        names.Select(n => Property(item, n)).FirstOrDefault(p => p?.ValueKind == JsonValueKind.String)?.GetString();

    private static int? Integer(JsonElement item, string name) => Property(item, name) is { } value && Raw(value) is { } raw ? SmallInteger(raw) : null;

    private static string? Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String => value.GetString(),
        _ => null,
    };

    private static int? SmallInteger(string raw) =>
        int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Importance(JsonElement item)
    {
        var value = Property(item, "importance");
        double number;
        if (value?.ValueKind == JsonValueKind.Number)
        {
            number = value.Value.GetDouble();
        }
        else if (value?.ValueKind != JsonValueKind.String
            || !double.TryParse(value.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return null;
        }

        return double.IsFinite(number) ? Math.Clamp(number, 0, 1) : null;
    }

    private static ExtractionOperation? Operation(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "ADD" => ExtractionOperation.Add,
        "UPDATE" => ExtractionOperation.Update,
        "DELETE" or "REMOVE" => ExtractionOperation.Delete,
        "NONE" or "NOOP" or "KEEP" => ExtractionOperation.None,
        _ => null,
    };
}
