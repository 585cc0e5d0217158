using System.Diagnostics;

namespace ContextMemory.Faiss.Tests.Support;

/// <summary>Runs this test assembly's <see cref="Program"/> probe in a fresh process with chosen environment variables.</summary>
public static class ChildProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string? Value(string key) =>
            Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];

        public string ErrorMessage
        {
            get
            {
                var start = Output.IndexOf("error-begin", StringComparison.Ordinal);
                var end = Output.IndexOf("error-end", StringComparison.Ordinal);
                return start < 0 || end < start ? string.Empty : Output[(start + "error-begin".Length)..end].Trim();
            }
        }
    }

    public static Outcome RunProbe(IReadOnlyDictionary<string, string?> environment, string? assemblyPath = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assemblyPath ?? typeof(Program).Assembly.Location);
        start.ArgumentList.Add("probe");
        start.Environment.Remove("CONTEXTMEMORY_FAISS_FLAVOR");
        start.Environment.Remove("CONTEXTMEMORY_FAISS_LIBRARY");
        foreach ((var key, var value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the probe process did not exit");
        }

        return new Outcome(process.ExitCode, output.Result, error.Result);
    }
}
