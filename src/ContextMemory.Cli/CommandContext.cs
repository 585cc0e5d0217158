using System.CommandLine;
using ContextMemory.Cli.Hosting;
using Microsoft.Extensions.Logging;

namespace ContextMemory.Cli;

/// <summary>What a command's action works with: its parsed arguments, the settings, the streams and the data directory.</summary>
internal sealed class CommandContext(ParseResult parse, CliSettings settings, CliIO io) : IAsyncDisposable
{
    private MemoryHost? _host;
    private ILoggerFactory? _loggerFactory;

    public ParseResult Parse { get; } = parse;

    public CliSettings Settings { get; } = settings;

    public CliIO IO { get; } = io;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>The data directory, opened on first use (and created if it does not exist yet).</summary>
    public MemoryHost Host => _host ??= MemoryHost.Open(Settings, LoggerFactory);

    /// <summary>Warnings and errors of the store and the embedder, on stderr (stdout is for results and the MCP protocol).</summary>
    public ILoggerFactory LoggerFactory => _loggerFactory ??= CliLogging.Create();

    public MemoryService Memory => Host.Memory;

    /// <summary>The scope the command line (or settings file) binds; a command that reads or writes memories needs one.</summary>
    public MemoryScope RequireScope() =>
        OptionalScope() ?? throw new CliException(ExitCodes.InvalidInput, CliErrors.MissingScope);

    /// <summary>The scope, or null when none is set (export and stats then cover the whole store).</summary>
    public MemoryScope? OptionalScope() => Scopes.From(Settings.User, Settings.Agent, Settings.Conversation);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
            _host = null;
        }

        _loggerFactory?.Dispose();
    }
}
