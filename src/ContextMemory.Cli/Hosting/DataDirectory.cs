namespace ContextMemory.Cli.Hosting;

/// <summary>Creates the data directory on first use (owner-only permissions: it holds what agents remember).</summary>
internal static class DataDirectory
{
    public static void Ensure(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Storage, CliErrors.DataDirectoryUnusable(path, exception.Message));
        }
    }

    /// <summary>Bytes of every file under a directory (0 when it does not exist).</summary>
    public static long SizeOf(string path) =>
        Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length)
            : 0;
}
