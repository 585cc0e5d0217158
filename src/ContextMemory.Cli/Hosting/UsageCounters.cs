using System.Globalization;
using ContextMemory.Embeddings.Caching;

namespace ContextMemory.Cli.Hosting;

/// <summary>
/// The embedding cache's hits and misses summed over every run on a data directory (<c>usage.txt</c>: two numbers),
/// so <c>stats</c> can report a hit rate although each run's counters start at zero.
/// </summary>
internal static class UsageCounters
{
    private const string FileName = "usage.txt";

    public static (long Hits, long Misses) Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            var parts = File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hits)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var misses)
                ? (hits, misses)
                : (0, 0);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>Adds a run's counters; a failure to record them never fails the command (they are statistics).</summary>
    public static void Add(string dataDirectory, EmbeddingCacheStatistics? statistics)
    {
        if (statistics is null || statistics.Hits + statistics.Misses == 0)
        {
            return;
        }

        try
        {
            var (hits, misses) = Read(dataDirectory);
            var path = Path.Combine(dataDirectory, FileName);
            File.WriteAllText(path + ".tmp", string.Create(CultureInfo.InvariantCulture, $"{hits + statistics.Hits} {misses + statistics.Misses}\n"));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Statistics only.
        }
    }
}
