using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;

namespace ContextMemory.VectorStore.Tests.Reliability.Support;

/// <summary>
/// A running ContextMemory.VectorStore.TestHost child process (<c>dotnet TestHost.dll ...</c>): its stdout as a stream of
/// lines, its stdin, and SIGKILL.
/// </summary>
public sealed class HostProcess : IDisposable
{
    /// <summary>Guards every wait on the child so a hung child fails the test instead of hanging it.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    private HostProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Writer.TryWrite(line);
            }

            _lines.Writer.TryComplete();
        });
        _stderrPump = Task.Run(async () =>
        {
            var text = await process.StandardError.ReadToEndAsync();
            lock (_stderr)
            {
                _stderr.Append(text);
            }
        });
    }

    /// <summary>The host assembly, built with the tests (see the ProjectReference in the test project).</summary>
    public static string HostPath { get; } = FindHost();

    public int Id => _process.Id;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static HostProcess Start(params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the test host did not start");
        process.StandardInput.AutoFlush = true;
        return new HostProcess(process);
    }

    /// <summary>Runs the host to completion, returning its exit code, stdout lines and stderr.</summary>
    public static async Task<(int ExitCode, List<string> Lines, string Error)> RunAsync(params string[] arguments)
    {
        using var host = Start(arguments);
        var lines = await host.ReadToEndAsync();
        var exitCode = await host.WaitForExitAsync();
        return (exitCode, lines, host.StandardError);
    }

    /// <summary>The next stdout line; null when stdout closed.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(timeout.Token) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the test host (pid {Id}) wrote nothing for {SafetyTimeout}; stderr: {StandardError}");
        }
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; returns it and the lines before it.</summary>
    public async Task<(string Line, List<string> Before)> ReadUntilAsync(string prefix)
    {
        var before = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (line, before);
            }

            before.Add(line);
        }

        var exitCode = await WaitForExitAsync();
        throw new InvalidOperationException(
            $"the test host exited ({exitCode}) before writing '{prefix}'; stdout: {string.Join(" / ", before.TakeLast(20))}; stderr: {StandardError}");
    }

    public async Task<List<string>> ReadToEndAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public void WriteLine(string line) => _process.StandardInput.WriteLine(line);

    /// <summary>SIGKILL: the process gets no chance to flush, dispose or run finalizers.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            throw new TimeoutException($"the test host (pid {Id}) did not exit within {SafetyTimeout}; stderr: {StandardError}");
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string FindHost()
    {
        var path = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ReliabilityTestHost")?.Value
            ?? throw new InvalidOperationException("the test assembly does not name the test host (AssemblyMetadata ReliabilityTestHost)");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"the test host is not built at {path}; build tests/ContextMemory.VectorStore.TestHost", path);
    }
}
