using System.Globalization;

namespace ContextMemory.Evaluation;

/// <summary>The messages of the evaluation's errors, in one place.</summary>
internal static class EvaluationErrors
{
    public const string NoConfigurations = "At least one configuration is needed.";

    public const string NoQuestions = "The dataset holds no question.";

    public static string Malformed(int line, string reason) => Format("Line {0}: malformed JSON ({1}).", line, reason);

    public static string NotAnObject(int line) => Format("Line {0}: each line must be a JSON object.", line);

    public static string UnknownType(int line, string? type) =>
        Format("Line {0}: \"type\" must be \"turn\" or \"question\", not {1}.", line, type is null ? "missing" : $"\"{type}\"");

    public static string MissingField(int line, string field) => Format("Line {0}: the field \"{1}\" is missing, empty or not a string.", line, field);

    public static string BadTime(int line, string value) => Format("Line {0}: \"time\" is not an ISO 8601 date and time with an offset: \"{1}\".", line, value);

    public static string BadEvidence(int line) => Format("Line {0}: \"evidence\" must be a non-empty array of turn ids (strings).", line);

    public static string DuplicateTurn(int line, string id) => Format("Line {0}: the turn id \"{1}\" is used twice.", line, id);

    public static string UnknownEvidence(int line, string id, string conversation) =>
        Format("Line {0}: the evidence \"{1}\" is not a turn of conversation \"{2}\".", line, id, conversation);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
