using System.Diagnostics;

namespace ContextMemory.Bench.Support;

/// <summary>Per-operation latencies in milliseconds and their nearest-rank percentiles.</summary>
public sealed class Latency
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Max => _samples.Count == 0 ? double.NaN : _samples.Max();

    public static double Milliseconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public double Percentile(double fraction)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. _samples.Order()];
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
