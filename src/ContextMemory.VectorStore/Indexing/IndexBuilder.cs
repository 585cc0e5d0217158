using ContextMemory.Faiss;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>Builds indexes from the database and brings them up to date with it.</summary>
internal static class IndexBuilder
{
    /// <summary>The training sample's size, at most: 100,000 vectors of 1,536 dimensions (614 MB); fewer vectors when they are wider.</summary>
    public const long MaxTrainingBytes = MaxTrainingSample * 1536L * sizeof(float);

    private const int MaxTrainingSample = 100_000;
    private const int TrainingPointsPerList = 64;

    /// <summary>
    /// Builds a FAISS index holding every vector of the snapshot that <paramref name="transaction"/> sees, whose
    /// position is <paramref name="position"/>. Trains first when the planned kind needs it.
    /// </summary>
    public static (FaissIndex Index, long TrainedAt) Build(
        PooledConnection connection, CollectionSql sql, IndexPlan plan, IndexPosition position,
        SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var ordinal = plan.Column.Ordinal;
        var count = IndexSource.CountVectors(connection, sql, ordinal, transaction);
        var spec = plan.Target(count, current: null, trainedAt: 0);
        var index = FaissIndex.Create(plan.Dimensions, spec, plan.Metric);
        try
        {
            var trainedAt = 0L;
            if (spec.RequiresTraining)
            {
                // k-means needs a few dozen points per list. Kinds without lists learn from the whole distribution (SQ8 each
                // dimension's range, PQ 256 centroids per sub-vector): a small sample clips every later vector that
                // falls outside it, so they get every vector up to the cap.
                var wanted = spec.NList > 0 ? spec.NList * (long)TrainingPointsPerList : count;
                var byBytes = MaxTrainingBytes / ((long)plan.Dimensions * sizeof(float));
                var sampleSize = (int)Math.Min(Math.Min(count, byBytes), Math.Min(MaxTrainingSample, wanted));
                index.Train(IndexSource.ReadSample(connection, sql, ordinal, plan.Dimensions, position.Vid, Math.Max(sampleSize, 1), transaction));
                trainedAt = count;
            }

            IndexSource.ReadVectors(connection, sql, ordinal, plan.Dimensions, 0, position.Vid, transaction,
                (vids, vectors) => index.Add(vectors, vids), cancellationToken);
            return (index, trainedAt);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Applies to <paramref name="index"/> every change between its position and <paramref name="target"/>:
    /// removals first (they only concern vids the index has), then the new vectors in vid order.
    /// </summary>
    public static void CatchUp(
        PooledConnection connection, CollectionSql sql, VectorIndex index, IndexPosition target,
        SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var from = index.Position;
        if (!from.IsBehind(target))
        {
            return;
        }

        var ordinal = index.Plan.Column.Ordinal;
        var removed = IndexSource.ReadRemovals(connection, sql, ordinal, from.RemovalSeq, target.RemovalSeq, transaction);
        if (removed.Count > 0)
        {
            index.Apply([], [], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(removed), from);
        }

        IndexSource.ReadVectors(connection, sql, ordinal, index.Plan.Dimensions, from.Vid, target.Vid, transaction,
            (vids, vectors) => index.Apply(vids, vectors, [], from), cancellationToken);
        index.Apply([], [], [], target);
    }
}
