using System.Globalization;
using System.Text.Json;

namespace ContextMemory.Evaluation;

/// <summary>
/// Reads the evaluation JSONL: one JSON object per line, either a turn
/// (<c>{"type":"turn","conversation","id","speaker","time","text"}</c>) or a question
/// (<c>{"type":"question","conversation","question","evidence":[turn ids]}</c>). Blank lines are skipped; unknown
/// fields are ignored. Any other fault throws <see cref="EvaluationDatasetException"/> naming the line.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class EvaluationDatasetReader
{
    /// <summary>Reads a dataset file.</summary>
    /// <param name="path">The JSONL file.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="EvaluationDatasetException">A line is malformed, or an evidence id names no turn of its conversation.</exception>
    public static async Task<EvaluationDataset> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a dataset from text.</summary>
    /// <param name="reader">The JSONL text.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="EvaluationDatasetException">A line is malformed, or an evidence id names no turn of its conversation.</exception>
    public static async Task<EvaluationDataset> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<(int Line, EvaluationTurn Turn)> turns = [];
        List<(int Line, EvaluationQuestion Question)> questions = [];
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = Parse(line, number);
            var root = document.RootElement;
            switch (OptionalString(root, "type"))
            {
                case "turn":
                    turns.Add((number, new EvaluationTurn(
                        Required(root, "conversation", number), Required(root, "id", number), Required(root, "speaker", number),
                        Time(Required(root, "time", number), number), Required(root, "text", number))));
                    break;
                case "question":
                    questions.Add((number, new EvaluationQuestion(Required(root, "conversation", number), Required(root, "question", number), Evidence(root, number))));
                    break;
                case var other:
                    throw Fault(number, EvaluationErrors.UnknownType(number, other));
            }
        }

        CheckReferences(turns, questions);
        return new EvaluationDataset([.. turns.Select(t => t.Turn)], [.. questions.Select(q => q.Question)]);
    }

    private static void CheckReferences(List<(int Line, EvaluationTurn Turn)> turns, List<(int Line, EvaluationQuestion Question)> questions)
    {
        var byId = new Dictionary<string, EvaluationTurn>(StringComparer.Ordinal);
        foreach (var (line, turn) in turns)
        {
            if (!byId.TryAdd(turn.Id, turn))
            {
                throw Fault(line, EvaluationErrors.DuplicateTurn(line, turn.Id));
            }
        }

        foreach (var (line, question) in questions)
        {
            foreach (var id in question.Evidence)
            {
                if (!byId.TryGetValue(id, out var turn) || turn.Conversation != question.Conversation)
                {
                    throw Fault(line, EvaluationErrors.UnknownEvidence(line, id, question.Conversation));
                }
            }
        }
    }

    private static JsonDocument Parse(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new EvaluationDatasetException(EvaluationErrors.Malformed(number, e.Message), e) { LineNumber = number };
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Fault(number, EvaluationErrors.NotAnObject(number));
        }

        return document;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement root, string name, int line) =>
        OptionalString(root, name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw Fault(line, EvaluationErrors.MissingField(line, name));

    private static DateTimeOffset Time(string value, int line) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Fault(line, EvaluationErrors.BadTime(line, value));

    private static string[] Evidence(JsonElement root, int line)
    {
        if (!root.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Array || evidence.GetArrayLength() == 0)
        {
            throw Fault(line, EvaluationErrors.BadEvidence(line));
        }

        return [.. evidence.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } id
            ? id
            : throw Fault(line, EvaluationErrors.BadEvidence(line)))];
    }

    private static EvaluationDatasetException Fault(int line, string message) => new(message) { LineNumber = line };
}
