using System.CommandLine;
using ContextMemory.Embeddings;

namespace ContextMemory.Cli.Hosting;

/// <summary>
/// The settings of one run, resolved in order of precedence: the command line, then the environment, then the
/// <c>--settings</c> file, then the data directory's <c>contextmemory.json</c>, then the defaults.
/// </summary>
internal sealed class CliSettings
{
    public const string DataDirectoryVariable = "CONTEXTMEMORY_DATA_DIR";

    private const string CacheFileName = "embedding-cache.db";

    public required string DataDirectory { get; init; }

    public required ContextMemoryEmbeddingOptions Embedding { get; init; }

    public string? User { get; init; }

    public string? Agent { get; init; }

    public string? Conversation { get; init; }

    /// <summary>The memory layer's store lives in its own folder, which must hold only the store's files.</summary>
    public string StoreDirectory => Path.Combine(DataDirectory, "store");

    public string EmbeddingCachePath => Path.Combine(DataDirectory, CacheFileName);

    public string SettingsPath => Path.Combine(DataDirectory, SettingsFile.DataDirectoryFileName);

    public bool HasScope => User is not null || Agent is not null || Conversation is not null;

    public static CliSettings Resolve(ParseResult parse, GlobalOptions options, Func<string, string?> environment)
    {
        var explicitFile = parse.GetValue(options.Settings) is { } settingsPath ? SettingsFile.Read(Path.GetFullPath(settingsPath)) : null;
        var dataDirectory = Path.GetFullPath(
            parse.GetValue(options.DataDirectory)
            ?? NonEmpty(environment(DataDirectoryVariable))
            ?? explicitFile?.DataDirectory
            ?? DefaultDataDirectory(environment));
        var stored = Path.Combine(dataDirectory, SettingsFile.DataDirectoryFileName) is var storedPath && File.Exists(storedPath)
            ? SettingsFile.Read(storedPath)
            : null;

        string? Pick(Option<string?> option, Func<SettingsFile, string?> fromFile) =>
            parse.GetValue(option) ?? (explicitFile is null ? null : fromFile(explicitFile)) ?? (stored is null ? null : fromFile(stored));

        // The embedding environment variables (EmbeddingEnvironment) are read by the embedding pipeline itself; the
        // command line and the files only fill in what they set.
        var embedderName = parse.GetValue(options.Embedder) ?? NonEmpty(environment(EmbeddingEnvironment.Embedder)) ?? explicitFile?.Embedder ?? stored?.Embedder;
        var embedding = new ContextMemoryEmbeddingOptions
        {
            Embedder = ParseEmbedder(embedderName),
            Model = Pick(options.Model, file => file.Model),
            Endpoint = Pick(options.Endpoint, file => file.Endpoint),
            Dimensions = parse.GetValue(options.Dimensions) ?? explicitFile?.Dimensions ?? stored?.Dimensions,
            CachePath = Path.Combine(dataDirectory, CacheFileName),
        };

        return new CliSettings
        {
            DataDirectory = dataDirectory,
            Embedding = embedding,
            User = Pick(options.User, file => file.User),
            Agent = Pick(options.Agent, file => file.Agent),
            Conversation = Pick(options.Conversation, file => file.Conversation),
        };
    }

    /// <summary>The same settings on another data directory (its own store and embedding cache).</summary>
    public CliSettings WithDataDirectory(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        Embedding = new ContextMemoryEmbeddingOptions
        {
            Embedder = Embedding.Embedder,
            Model = Embedding.Model,
            Endpoint = Embedding.Endpoint,
            ApiKey = Embedding.ApiKey,
            Dimensions = Embedding.Dimensions,
            CachePath = Path.Combine(dataDirectory, CacheFileName),
        },
        User = User,
        Agent = Agent,
        Conversation = Conversation,
    };

    /// <summary>What <c>init</c> records in the data directory, so later commands use the same embedder.</summary>
    public SettingsFile ToStoredSettings() => new()
    {
        Embedder = Embedding.Embedder == EmbedderKind.OpenAI ? "openai" : "onnx",
        Model = Embedding.Model,
        Endpoint = Embedding.Endpoint,
        Dimensions = Embedding.Dimensions,
    };

    private static EmbedderKind ParseEmbedder(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "ONNX" or "LOCAL" => EmbedderKind.Onnx,
        "OPENAI" => EmbedderKind.OpenAI,
        _ => throw new CliException(ExitCodes.Configuration, CliErrors.UnknownEmbedder(value)),
    };

    // $XDG_DATA_HOME/contextmemory, else ~/.local/share/contextmemory (the XDG default).
    private static string DefaultDataDirectory(Func<string, string?> environment)
    {
        var dataHome = NonEmpty(environment("XDG_DATA_HOME"))
            ?? Path.Combine(NonEmpty(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "contextmemory");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
