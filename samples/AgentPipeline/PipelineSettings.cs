namespace AgentPipeline;

/// <summary>The command line and environment of one pipeline run.</summary>
internal sealed record PipelineSettings(string? DataDirectory, string RunId, string UserId, bool Offline, string? ApiKey, string? BaseUrl, string Model)
{
    public const string Usage = """
        AgentPipeline: a researcher, a planner and a writer share one memory store through scopes.

          --data-dir DIR   the store (default: a temporary directory, deleted at the end)
          --run ID         this run's id, the conversation scope its steps share (default: a new id)
          --user NAME      whose preferences the writer recalls (default: ada)
          --offline        scripted models even when OPENAI_API_KEY is set
          --help           this text

        With OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_CHAT_MODEL) real models play the steps; without a
        key scripted models do, offline, calling the same tools.
        """;

    /// <summary>Reads the command line; null (after printing why) when the program should stop.</summary>
    public static PipelineSettings? Parse(string[] args, Func<string, string?> environment, TextWriter error)
    {
        string? dataDirectory = null;
        string? run = null;
        var user = "ada";
        var offline = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data-dir" when i + 1 < args.Length:
                    dataDirectory = args[++i];
                    break;
                case "--run" when i + 1 < args.Length:
                    run = args[++i];
                    break;
                case "--user" when i + 1 < args.Length:
                    user = args[++i];
                    break;
                case "--offline":
                    offline = true;
                    break;
                case "--help" or "-h":
                    error.WriteLine(Usage);
                    return null;
                default:
                    error.WriteLine($"agent-pipeline: unknown or incomplete option '{args[i]}' (see --help)");
                    return null;
            }
        }

        var apiKey = environment("OPENAI_API_KEY") is { Length: > 0 } key ? key : null;
        return new PipelineSettings(
            dataDirectory is null ? null : Path.GetFullPath(dataDirectory),
            run ?? $"run-{Guid.NewGuid():N}"[..12],
            user,
            offline || apiKey is null,
            apiKey,
            environment("OPENAI_BASE_URL") is { Length: > 0 } url ? url : null,
            environment("OPENAI_CHAT_MODEL") is { Length: > 0 } model ? model : "gpt-4o-mini");
    }
}
