using System.Diagnostics;
using ContextMemory.Bench.Support;

namespace ContextMemory.Bench.Embeddings;

/// <summary>One way of embedding texts, timed over whole rounds (wall clock and process CPU).</summary>
public sealed class EmbedCandidate(string name, Func<string[], Task> embed) : IDisposable
{
    private readonly List<double> _textsPerSecond = [];
    private readonly List<double> _cpuMillisecondsPerText = [];

    public string Name { get; } = name;

    public IDisposable? Owned { get; init; }

    public double MedianTextsPerSecond => Median(_textsPerSecond);

    public double MedianCpuMillisecondsPerText => Median(_cpuMillisecondsPerText);

    public async Task MeasureAsync(string[] texts)
    {
        var cpu = Machine.CpuTime();
        var start = Stopwatch.GetTimestamp();
        await embed(texts);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        _textsPerSecond.Add(texts.Length / seconds);
        _cpuMillisecondsPerText.Add((Machine.CpuTime() - cpu).TotalMilliseconds / texts.Length);
    }

    public Task WarmAsync(string[] texts) => embed(texts);

    public void Dispose() => Owned?.Dispose();

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
