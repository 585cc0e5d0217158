using System.CommandLine;

namespace ContextMemory.Cli;

/// <summary>The options every command takes (recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "The data directory (default: $CONTEXTMEMORY_DATA_DIR, else $XDG_DATA_HOME/contextmemory, created on first use).",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string?> Embedder { get; } = new("--embedder")
    {
        Description = "The embedder: onnx (local, offline, default) or openai (key from OPENAI_API_KEY).",
        HelpName = "onnx|openai",
        Recursive = true,
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "The embedding model: arctic-embed-xs (default) or minilm for onnx; a model id for openai.",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "The base URL of an OpenAI-compatible endpoint (default: OPENAI_BASE_URL, else OpenAI's).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<int?> Dimensions { get; } = new("--dimensions")
    {
        Description = "The vector length a remote model is asked for and checked against.",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = "Scope: the user whose memories the command reads or writes.",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> Agent { get; } = new("--agent")
    {
        Description = "Scope: the agent whose memories the command reads or writes.",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> Conversation { get; } = new("--conversation")
    {
        Description = "Scope: the conversation (run) whose memories the command reads or writes.",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> Settings { get; } = new("--settings")
    {
        Description = "A JSON settings file (keys: dataDir, embedder, model, endpoint, dimensions, user, agent, conversation).",
        HelpName = "PATH",
        Recursive = true,
    };

    public IEnumerable<Option> All =>
        [DataDirectory, Embedder, Model, Endpoint, Dimensions, User, Agent, Conversation, Settings];
}
