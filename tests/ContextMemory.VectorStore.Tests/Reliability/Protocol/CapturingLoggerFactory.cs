using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>Keeps every log entry of warning level or above, and optionally echoes each to a callback.</summary>
public sealed class CapturingLoggerFactory(Action<LogLevel, string>? echo = null) : ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();
    private readonly Action<LogLevel, string>? _echo = echo;

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public IReadOnlyList<string> Warnings => [.. _entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)];

    public IReadOnlyList<string> Errors => [.. _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message)];

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception) + (exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message);
            owner._entries.Enqueue((logLevel, message));
            owner._echo?.Invoke(logLevel, message);
        }
    }
}
