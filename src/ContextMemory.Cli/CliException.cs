namespace ContextMemory.Cli;

/// <summary>A failure the CLI reports as one line on stderr with its exit code (<see cref="ExitCodes"/>).</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = ExitCodes.Failure;
}
