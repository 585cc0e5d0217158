using Spectre.Console;

namespace ContextMemory.Cli;

/// <summary>
/// Where a run reads and writes: results to <see cref="Out"/> (stdout), progress, warnings and errors to
/// <see cref="Error"/> (stderr, so <c>--json</c> output and the MCP protocol stay clean), and the environment.
/// Tests run the application in process with string writers and a private environment.
/// </summary>
internal sealed class CliIO
{
    public CliIO(TextWriter output, TextWriter error, TextReader input, Func<string, string?> environment, bool interactive)
    {
        Out = output;
        Error = error;
        In = input;
        Environment = environment;
        Interactive = interactive;
        Console = CreateConsole(output, interactive);
        ErrorConsole = CreateConsole(error, interactive);
    }

    public TextWriter Out { get; }

    /// <summary>Whether a person watches stderr (progress bars animate, help fits the terminal).</summary>
    public bool Interactive { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>Tables and summaries (stdout).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Progress bars (stderr).</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>The process's own streams and environment.</summary>
    public static CliIO FromProcess() =>
        new(System.Console.Out, System.Console.Error, System.Console.In, System.Environment.GetEnvironmentVariable,
            interactive: !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected);

    // Redirected output is read by programs and logs, not a terminal: wide enough that a table row stays one line.
    private const int RedirectedWidth = 240;

    private static IAnsiConsole CreateConsole(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
