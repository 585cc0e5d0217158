using System.Runtime.InteropServices;

namespace ContextMemory.Faiss.Interop;

/// <summary>
/// Turns the errno of a failed file operation into the <see cref="IOException"/> family, the way .NET reports
/// its own file failures on Unix, so callers catch a full disk or a missing directory with the types they
/// already handle. The bridge runs on Linux only (linux-x64), so errno values are Linux's.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>ENOENT</term><description><see cref="FileNotFoundException"/>, or <see cref="DirectoryNotFoundException"/> when the file's directory is missing.</description></item>
/// <item><term>EACCES, EPERM, EROFS</term><description><see cref="UnauthorizedAccessException"/> with an inner <see cref="IOException"/> carrying the errno
/// (as its <see cref="Exception.HResult"/>) and its text. EROFS is grouped here although .NET itself reports it as a plain
/// <see cref="IOException"/>: for a caller, a read-only disk and a read-only directory call for the same remedy.</description></item>
/// <item><term>ENOSPC, EDQUOT</term><description><see cref="IOException"/> with <see cref="DiskFullHResult"/>.</description></item>
/// <item><term>EEXIST</term><description><see cref="IOException"/> saying the file exists, HResult the errno.</description></item>
/// <item><term>ENAMETOOLONG</term><description><see cref="PathTooLongException"/>.</description></item>
/// <item><term>ELOOP</term><description><see cref="IOException"/> naming the symbolic link (the bridge never opens through one), HResult the errno.</description></item>
/// <item><term>anything else</term><description><see cref="IOException"/> with the bridge's message (which has the errno's text), HResult the errno.</description></item>
/// </list>
/// </remarks>
internal static class IoErrors
{
    /// <summary>HRESULT_FROM_WIN32(ERROR_DISK_FULL): what .NET reports for a full disk on Windows, so one check serves every OS.</summary>
    internal const int DiskFullHResult = unchecked((int)0x80070070);

    internal static Exception ToException(int errno, string nativeMessage, string? path)
    {
        if (errno == 0)
        {
            // The bridge refused something that is not an operating-system failure (not a regular file).
            return new IOException(nativeMessage);
        }

        var target = path ?? string.Empty;
        return (Errno)errno switch
        {
            Errno.NoEntry when path is not null && !DirectoryExists(path) =>
                new DirectoryNotFoundException(FaissErrors.DirectoryNotFound(target, nativeMessage)),
            Errno.NoEntry => new FileNotFoundException(FaissErrors.FileNotFound(target, nativeMessage), path),
            Errno.NotPermitted or Errno.AccessDenied or Errno.ReadOnlyFileSystem =>
                new UnauthorizedAccessException(FaissErrors.AccessDenied(target, nativeMessage), new IOException(ErrnoText(errno), errno)),
            Errno.NoSpace or Errno.QuotaExceeded => new IOException(FaissErrors.DiskFull(target, nativeMessage), DiskFullHResult),
            Errno.Exists => new IOException(FaissErrors.FileExists(target, nativeMessage), errno),
            Errno.NameTooLong => new PathTooLongException(FaissErrors.PathTooLong(target, nativeMessage)),
            Errno.Loop => new IOException(FaissErrors.SymbolicLink(target, nativeMessage), errno),
            _ => new IOException(nativeMessage, errno),
        };
    }

    /// <summary>The C library's text for an errno (strerror).</summary>
    internal static string ErrnoText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static bool DirectoryExists(string path) =>
        Path.GetDirectoryName(Path.GetFullPath(path)) is not { Length: > 0 } directory || Directory.Exists(directory);

    /// <summary>The errno values the mapping distinguishes (Linux numbering; C names in the comments).</summary>
    internal enum Errno
    {
        /// <summary>EPERM.</summary>
        NotPermitted = 1,

        /// <summary>ENOENT.</summary>
        NoEntry = 2,

        /// <summary>EACCES.</summary>
        AccessDenied = 13,

        /// <summary>EEXIST.</summary>
        Exists = 17,

        /// <summary>ENOSPC.</summary>
        NoSpace = 28,

        /// <summary>EROFS.</summary>
        ReadOnlyFileSystem = 30,

        /// <summary>ENAMETOOLONG.</summary>
        NameTooLong = 36,

        /// <summary>ELOOP.</summary>
        Loop = 40,

        /// <summary>EDQUOT.</summary>
        QuotaExceeded = 122,
    }
}
