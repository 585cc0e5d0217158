using System.Globalization;
using System.Text.Json;

namespace ContextMemory.Extraction;

/// <summary>
/// Reads the model's replies tolerantly: JSON inside code fences or prose, an array or an object holding one, field
/// names in other common spellings and any case, numbers as strings, importances out of range (clamped). What cannot be
/// read is a problem, never an exception. Nothing a reply says about scopes or users is read: there is no such field.
/// </summary>
internal static class ExtractionReplyParser
{
    /// <summary>Replies longer than this are not read at all.</summary>
    public const int MaxReplyLength = 1_000_000;

    /// <summary>How many bracketed spans of a reply are tried as its JSON before it is reported unreadable (bounds the work on hostile replies).</summary>
    public const int MaxJsonCandidates = 8;

    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    private static readonly string[] ListNames = ["items", "facts", "memories", "decisions", "results"];
    private static readonly string[] FactTextNames = ["text", "fact", "memory", "content"];

    // Not "fact": in a decision that is the index of the fact, and a string index must not become a memory's text.
    private static readonly string[] DecisionTextNames = ["text", "new_text", "newText", "new_memory", "memory", "content"];
    private static readonly string[] OperationNames = ["event", "operation", "action", "op", "decision"];
    private static readonly string[] FactIndexNames = ["fact", "index", "fact_index", "factIndex"];
    private static readonly string[] IdNames = ["id", "memory_id", "memoryId"];
    private static readonly char[] Openers = ['{', '['];

    public static List<CandidateFact>? Facts(string reply, int maxFacts, ExtractionProblems problems)
    {
        if (Items(reply, "extraction", problems) is not { } items)
        {
            return null;
        }

        var facts = new List<CandidateFact>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : String(item, FactTextNames);
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

    public static List<(ExtractionDecision Decision, string? RawId)>? Decisions(string reply, int factCount, ExtractionProblems problems)
    {
        if (Items(reply, "decision", problems) is not { } items)
        {
            return null;
        }

        var decisions = new List<(ExtractionDecision, string?)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var fact = item.ValueKind == JsonValueKind.Object ? FactIndexNames.Select(n => Integer(item, n)).FirstOrDefault(n => n is not null) : null;
            var operation = item.ValueKind == JsonValueKind.Object ? Operation(String(item, OperationNames)) : null;
            if (fact is not { } index || index < 0 || index >= factCount || operation is null)
            {
                problems.Add(ExtractionMessages.DecisionUnreadable(i));
                continue;
            }

            var rawId = IdNames.Select(n => Property(item, n)).FirstOrDefault(p => p is not null) is { } id ? Raw(id) : null;
            decisions.Add((new ExtractionDecision(index, operation.Value, rawId is null ? null : SmallInteger(rawId), String(item, DecisionTextNames)), rawId));
        }

        return decisions;
    }

    private static List<JsonElement>? Items(string reply, string phase, ExtractionProblems problems)
    {
        if (reply.Length > MaxReplyLength)
        {
            problems.Add(ExtractionMessages.TooLarge(phase, reply.Length, MaxReplyLength));
            return null;
        }

        // A reply whose first bracket never closes was cut off; say so rather than what an inner fragment lacks.
        var first = reply.IndexOfAny(Openers);
        var failure = first >= 0 && BalancedEnd(reply, first) < 0 ? ExtractionMessages.CutOff : null;
        foreach (var json in JsonCandidates(reply))
        {
            try
            {
                using var document = JsonDocument.Parse(json, Lenient);
                var root = document.RootElement;
                var list = root.ValueKind == JsonValueKind.Array ? root : ListNames.Select(n => Property(root, n)).FirstOrDefault(p => p?.ValueKind == JsonValueKind.Array);
                if (list is { } array && IsItemList(array))
                {
                    return [.. array.EnumerateArray().Select(e => e.Clone())];
                }

                failure ??= ExtractionMessages.NoList;
            }
            catch (JsonException e)
            {
                failure ??= e.Message;
            }
        }

        problems.Add(failure is null ? ExtractionMessages.NoJson : ExtractionMessages.Unparsable(phase, failure));
        return null;
    }

    /// <summary>Whether a list can be the reply's items: empty, or holding an object or a string (prose such as "see [1]" holds neither).</summary>
    private static bool IsItemList(JsonElement array) =>
        array.GetArrayLength() == 0 || array.EnumerateArray().Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.String);

    /// <summary>
    /// The spans of a reply that may be its JSON, in order: from each opening bracket to the bracket that balances it
    /// (brackets inside strings ignored), so code fences and prose around the JSON, even prose holding brackets, are
    /// skipped. A span that does not close (a truncated reply) is not a candidate. At most <see cref="MaxJsonCandidates"/>.
    /// </summary>
    private static IEnumerable<string> JsonCandidates(string reply)
    {
        var tried = 0;
        for (var start = reply.IndexOfAny(Openers); start >= 0 && tried < MaxJsonCandidates; start = reply.IndexOfAny(Openers, start + 1))
        {
            tried++;
            var end = BalancedEnd(reply, start);
            if (end > start)
            {
                yield return reply[start..(end + 1)];
            }
        }
    }

    private static int BalancedEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
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
