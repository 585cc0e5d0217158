namespace ContextMemory.Cli;

/// <summary>The process exit codes of <c>contextmemory</c> (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug or an environment problem the other codes do not name).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>The input is wrong: a malformed file line, a bad scope, a value out of range.</summary>
    public const int InvalidInput = 3;

    /// <summary>The memory (or file) named does not exist in the scope given.</summary>
    public const int NotFound = 4;

    /// <summary>The embedder or settings are wrong: a missing API key, a store made with another embedder or dimension.</summary>
    public const int Configuration = 5;

    /// <summary>The data directory cannot be used: an I/O failure, a damaged or foreign store.</summary>
    public const int Storage = 6;

    /// <summary>Cancelled (Ctrl+C); everything acknowledged before is kept.</summary>
    public const int Cancelled = 130;
}
