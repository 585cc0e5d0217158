namespace AgentPipeline;

/// <summary>What the pipeline was asked to do: where the store lives, which run and user, the task, and who plays the steps.</summary>
internal sealed record PipelineSettings(
    string DataDirectory, bool DeleteDataDirectory, string RunId, string UserId, string Task, bool Offline, string? ApiKey, string? BaseUrl, string Model)
{
    public const string DefaultTask = "Plan a 3-day trip to Lisbon for Ana.";

    public const string Usage = """
        AgentPipeline: a researcher, a planner and a writer work on one task and share one memory store through scopes.

          --data-dir DIR   where the store lives (default: a temporary directory, deleted at exit)
          --run ID         the run, used as the conversation scope the steps share (default: a new id)
          --user NAME      whose preferences the writer gets (default: ana)
          --task TEXT      the task (default: "Plan a 3-day trip to Lisbon for Ana.")
          --offline        scripted steps even when OPENAI_API_KEY is set
          --help           this text

        Without OPENAI_API_KEY (or with --offline) each step is played by a deterministic scripted model that still
        calls the tools through function invocation. With OPENAI_API_KEY (and optionally OPENAI_BASE_URL,
        OPENAI_CHAT_MODEL or OPENAI_MODEL) a real model plays each step with the same instructions and tools.
        """;

    /// <summary>Reads the command line and the environment; null (after printing why) when the program should stop.</summary>
    public static PipelineSettings? Parse(string[] args, Func<string, string?> environment, TextWriter error)
    {
        string? dataDirectory = null;
        string? run = null;
        var user = "ana";
        var task = DefaultTask;
        var offline = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data-dir" when i + 1 < args.Length && args[i + 1].Length > 0:
                    dataDirectory = args[++i];
                    break;
                case "--run" when i + 1 < args.Length && IsScopePart(args[i + 1]):
                    run = args[++i];
                    break;
                case "--user" when i + 1 < args.Length && IsScopePart(args[i + 1]):
                    user = args[++i];
                    break;
                case "--task" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]):
                    task = args[++i];
                    break;
                case "--offline":
                    offline = true;
                    break;
                case "--help" or "-h":
                    error.WriteLine(Usage);
                    return null;
                default:
                    error.WriteLine($"agentpipeline: unknown, incomplete or invalid option '{args[i]}' (see --help)");
                    return null;
            }
        }

        var apiKey = environment("OPENAI_API_KEY") is { Length: > 0 } key ? key : null;
        var model = environment("OPENAI_CHAT_MODEL") is { Length: > 0 } chatModel ? chatModel
            : environment("OPENAI_MODEL") is { Length: > 0 } otherModel ? otherModel
            : "gpt-4o-mini";
        return new PipelineSettings(
            Path.GetFullPath(dataDirectory ?? Path.Combine(Path.GetTempPath(), $"agentpipeline-{Guid.NewGuid():N}")),
            dataDirectory is null,
            run ?? $"run-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
            user,
            task,
            offline || apiKey is null,
            apiKey,
            environment("OPENAI_BASE_URL") is { Length: > 0 } url ? url : null,
            model);
    }

    private static bool IsScopePart(string value) => value.Length is > 0 and <= ContextMemory.MemoryScope.MaxPartLength && !value.Any(char.IsControl);
}
