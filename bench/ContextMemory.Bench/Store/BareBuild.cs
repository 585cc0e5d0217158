using System.Diagnostics;
using ContextMemory.Faiss;

namespace ContextMemory.Bench.Store;

/// <summary>
/// The index-side floor under the store's ingest: the same vectors added to a bare index of the same spec in the same
/// batches (trained first, on up to 64 points per list, when the spec needs training), right after the store's ingest.
/// For HNSW this is the graph build the store cannot avoid, since a write is applied to the index before it returns.
/// </summary>
public static class BareBuild
{
    private const int TrainingPointsPerList = 64;

    public static double Seconds(IndexSpec spec, StoreDataSet data, int batchSize)
    {
        var start = Stopwatch.GetTimestamp();
        using var index = FaissIndex.Create(data.Dimensions, spec, FaissMetric.Cosine);
        if (spec.RequiresTraining)
        {
            var points = Math.Min(data.Count, spec.NList > 0 ? (long)spec.NList * TrainingPointsPerList : data.Count);
            index.Train(data.Vectors.AsSpan(0, (int)(points * data.Dimensions)));
        }

        var ids = new long[batchSize];
        for (var first = 0; first < data.Count; first += batchSize)
        {
            var count = Math.Min(batchSize, data.Count - first);
            for (var i = 0; i < count; i++)
            {
                ids[i] = first + i + 1;
            }

            index.Add(data.Vectors.AsSpan(first * data.Dimensions, count * data.Dimensions), ids.AsSpan(0, count));
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
