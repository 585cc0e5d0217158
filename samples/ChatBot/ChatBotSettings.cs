namespace ChatBot;

/// <summary>What the chatbot was asked to do: its data directory, whose memories it keeps, and how it answers.</summary>
internal sealed record ChatBotSettings(string DataDirectory, string UserId, bool Offline, string? ApiKey, string? BaseUrl, string Model)
{
    public const string Usage = """
        ChatBot: a console chatbot that remembers across restarts.

          --data-dir DIR   where the memories live (default: $CONTEXTMEMORY_DATA_DIR, else ~/.local/share/contextmemory/chatbot)
          --user NAME      whose memories to keep and recall (default: demo-user)
          --offline        memory-only mode even when OPENAI_API_KEY is set
          --help           this text

        With OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_CHAT_MODEL) it chats through the model, with the
        memories recalled before each call and the memory tools offered to the model. Without a key it runs offline:
        it stores what you say and answers with what it recalls, each memory's score, and how long the recall took.
        Lines starting with '?' or ending with '?' are questions: they are answered, not stored. Type /quit to leave.
        """;

    /// <summary>Reads the command line and the environment; null (after printing why) when the program should stop.</summary>
    public static ChatBotSettings? Parse(string[] args, Func<string, string?> environment, TextWriter error)
    {
        string? dataDirectory = null;
        var user = "demo-user";
        var offline = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data-dir" when i + 1 < args.Length:
                    dataDirectory = args[++i];
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
                    error.WriteLine($"chatbot: unknown or incomplete option '{args[i]}' (see --help)");
                    return null;
            }
        }

        dataDirectory ??= environment("CONTEXTMEMORY_DATA_DIR") is { Length: > 0 } fromEnvironment
            ? Path.Combine(fromEnvironment, "chatbot")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "contextmemory", "chatbot");
        var apiKey = environment("OPENAI_API_KEY") is { Length: > 0 } key ? key : null;
        return new ChatBotSettings(
            Path.GetFullPath(dataDirectory),
            user,
            offline || apiKey is null,
            apiKey,
            environment("OPENAI_BASE_URL") is { Length: > 0 } url ? url : null,
            environment("OPENAI_CHAT_MODEL") is { Length: > 0 } model ? model : "gpt-4o-mini");
    }
}
