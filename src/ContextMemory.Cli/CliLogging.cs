using Microsoft.Extensions.Logging;

namespace ContextMemory.Cli;

/// <summary>The CLI's logging: warnings and errors, one line each, on stderr only.</summary>
internal static class CliLogging
{
    public const string LevelVariable = "CONTEXTMEMORY_LOG_LEVEL";

    public static ILoggerFactory Create(LogLevel? level = null) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(level ?? FromEnvironment())
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));

    private static LogLevel FromEnvironment() =>
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(LevelVariable), ignoreCase: true, out var level) ? level : LogLevel.Warning;
}
