using ContextMemory.Bench.Support;

namespace ContextMemory.Bench.Store;

/// <summary>What ingesting one data set through the store cost.</summary>
/// <param name="Seconds">From the first upsert call to the last one's return (every batch committed and indexed).</param>
/// <param name="Batches">Latency of each batch's upsert.</param>
/// <param name="CheckpointSeconds">The explicit checkpoint afterwards (waits for background maintenance, writes the index file).</param>
/// <param name="CpuSeconds">Process CPU time (all threads, background maintenance included) during the ingest.</param>
/// <param name="BaselineSeconds">The raw Microsoft.Data.Sqlite insert loop over the same rows, in the same run; null when skipped.</param>
/// <param name="BareBuildSeconds">Adding the same vectors to a bare index of the same spec in the same batches; null when skipped.</param>
public sealed record IngestFigures(int Count, double Seconds, Latency Batches, double CheckpointSeconds, double CpuSeconds, double? BaselineSeconds)
{
    public double? BareBuildSeconds { get; init; }

    public double VectorsPerSecond => Count / Seconds;

    public double? BaselineVectorsPerSecond => BaselineSeconds is { } s ? Count / s : null;
}
