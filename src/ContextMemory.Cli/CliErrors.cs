using System.Globalization;

namespace ContextMemory.Cli;

/// <summary>Every message the CLI prints for a failure, in one place so tests can assert them.</summary>
internal static class CliErrors
{
    public const string Prefix = "contextmemory: ";

    public const string MissingScope =
        "this command needs a scope: pass --user, --agent and/or --conversation (or set them in the settings file).";

    public const string Cancelled = "cancelled; everything acknowledged before Ctrl+C is kept.";

    public const string AddNeedsTextOrFile = "add takes a text or --file PATH, not both and not neither.";

    public const string ForgetNeedsTarget =
        "forget takes a memory id, a filter (--kind, --tag, --source, --from, --to), or --all for the whole scope.";

    public const string ForgetTargetsExclusive = "forget takes one of: a memory id, a filter, or --all.";

    public static string UnknownEmbedder(string value) =>
        Format("'{0}' is not an embedder; use 'onnx' (local, default) or 'openai'.", value);

    public static string BadSettingsFile(string path, string reason) => Format("settings file '{0}': {1}", path, OneLine(reason));

    public static string SettingsFileMissing(string path) => Format("settings file '{0}' does not exist.", path);

    public static string FileMissing(string path) => Format("'{0}' does not exist.", path);

    public static string UnknownFileKind(string path) =>
        Format("'{0}': add --file reads a .txt file (one memory per non-empty line) or a .jsonl file (one JSON object per line).", path);

    public static string BadLine(string path, int line, string reason) => Format("{0}:{1}: {2}", path, line, OneLine(reason));

    public const string LineNotObject = "a line must be one JSON object";

    public const string LineNeedsText = "\"text\" is required and must not be blank";

    public static string LineBadKind(string value) => Format("\"kind\" is '{0}'; use 'fact' or 'episode'", value);

    public const string LineBadImportance = "\"importance\" must be a number between 0 and 1";

    public static string LineBadEmbedding(int actual, int expected) =>
        Format("the embedding has {0} dimensions where this store's embedder produces {1}", actual, expected);

    public const string LineNeedsId = "\"id\" is required (a GUID)";

    public const string LineEmbeddingNotFinite = "the embedding has a value that is not a finite number";

    public const string LineNeedsScope = "\"scope\" must set at least one of user, agent, conversation";

    public static string BadId(string value) => Format("'{0}' is not a memory id (a GUID).", value);

    public static string NotFound(Guid id) => Format("no memory {0} in this scope.", id);

    public static string BadKind(string value) => Format("'{0}' is not a memory kind; use 'fact' or 'episode'.", value);

    public static string BadImportance(double value) => Format("importance {0} is outside 0..1.", value);

    public static string BadLimit(string option, int value, int max) => Format("{0} {1} is outside 1..{2}.", option, value, max);

    public static string BadDate(string value) => Format("'{0}' is not a date (use ISO 8601, e.g. 2026-12-02 or 2026-12-02T08:00:00Z).", value);

    public static string DataDirectoryUnusable(string path, string reason) => Format("data directory '{0}': {1}", path, OneLine(reason));

    public static string Unexpected(Exception exception) =>
        Format("unexpected {0}: {1}", exception.GetType().Name, OneLine(exception.Message));

    /// <summary>A message as one line: the CLI never prints a stack trace or a multi-line error.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Format(string format, params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, format, arguments);
}
