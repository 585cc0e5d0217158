using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ContextMemory.Bench.Support;

/// <summary>A one-line description of the machine, for the tables in docs/benchmarks.md.</summary>
public static class Machine
{
    public static string Describe()
    {
        var model = "unknown CPU";
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                model = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }

        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 30;
        return $"{model}, {Environment.ProcessorCount} cores, {memoryGiB} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), for judging how noisy a run's absolute times are.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>CPU time this process has used so far, all threads.</summary>
    public static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Starts this harness again (as apphost or through <c>dotnet exec</c>) with the given arguments.</summary>
    public static ProcessStartInfo SelfStart(IEnumerable<string> arguments)
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            start.FileName = process;
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(Machine).Assembly.Location);
        }
        else
        {
            start.FileName = process;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
