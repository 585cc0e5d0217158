using System.Diagnostics;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// A small tmpfs mounted on a directory for one test: a real full disk (<c>size=64k</c>) or a real read-only file
/// system (<c>ro</c>), which fail for every user, root included. Mounting needs CAP_SYS_ADMIN (root in the test
/// containers); where that is missing, <see cref="Mount"/> throws with the reason instead of letting a test pass
/// without having exercised anything.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string directory)
    {
        Directory = directory;
    }

    /// <summary>The mount point.</summary>
    public string Directory { get; }

    /// <summary>Creates <paramref name="directory"/> and mounts a tmpfs with <paramref name="options"/> (for example <c>size=64k</c> or <c>ro,size=64k</c>) on it.</summary>
    /// <exception cref="InvalidOperationException">The mount failed; the message says why (usually missing privileges).</exception>
    public static TmpfsMount Mount(string directory, string options)
    {
        System.IO.Directory.CreateDirectory(directory);
        (var exitCode, var error) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"This test needs to mount a small tmpfs (root or CAP_SYS_ADMIN), and `mount -t tmpfs -o {options}` failed here "
                + $"with exit code {exitCode}: {error.Trim()}. The behaviour it checks is unverified in this environment.");
        }

        return new TmpfsMount(directory);
    }

    /// <summary>Unmounts (lazily, so an open handle elsewhere cannot keep the mount alive forever).</summary>
    public void Dispose() => Run("umount", "-l", Directory);

    private static (int ExitCode, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{program} could not be started: {ex.Message}");
        }
    }
}
