using ContextMemory.Faiss;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Builds indexes from the database and brings them up to date with it. A stored vector whose row is damaged (its bytes
/// no longer match their checksum) is never indexed: it is left out, remembered by the index as damaged, and logged with
/// the keys of its records.
/// </summary>
internal static class IndexBuilder
{
    /// <summary>The training sample's size, at most: 100,000 vectors of 1,536 dimensions (614 MB); fewer vectors when they are wider.</summary>
    public const long MaxTrainingBytes = MaxTrainingSample * 1536L * sizeof(float);

    /// <summary>Records a damage report names, at most (it always gives the count).</summary>
    public const int MaxNamedRecords = 10;

    private const int MaxTrainingSample = 100_000;
    private const int TrainingPointsPerList = 64;

    /// <summary>
    /// Builds the index of <paramref name="plan"/>'s vector property holding every intact vector of the snapshot that
    /// <paramref name="transaction"/> sees, whose position is <paramref name="position"/>. Trains first when the planned
    /// kind needs it. The index is unsaved (no checkpoint holds it yet).
    /// </summary>
    public static VectorIndex Build(
        PooledConnection connection, CollectionEntry entry, IndexPlan plan, IndexPosition position,
        SqliteTransaction transaction, ILogger logger, CancellationToken cancellationToken)
    {
        var sql = entry.Sql;
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

            var damaged = IndexSource.ReadVectors(connection, sql, ordinal, plan.Dimensions, 0, position.Vid, transaction,
                (vids, vectors) => index.Add(vectors, vids), cancellationToken);
            ReportDamaged(logger, connection, entry, plan, damaged, transaction);
            return new VectorIndex(plan, index, trainedAt, position, damaged: damaged, unsaved: true);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Applies to <paramref name="index"/> every change between its position and <paramref name="target"/>:
    /// removals first (they only concern vids the index has), then the new intact vectors in vid order.
    /// </summary>
    public static void CatchUp(
        PooledConnection connection, CollectionEntry entry, VectorIndex index, IndexPosition target,
        SqliteTransaction? transaction, ILogger logger, CancellationToken cancellationToken)
    {
        var from = index.Position;
        if (!from.IsBehind(target))
        {
            return;
        }

        var ordinal = index.Plan.Column.Ordinal;
        var removed = IndexSource.ReadRemovals(connection, entry.Sql, ordinal, from.RemovalSeq, target.RemovalSeq, transaction);
        if (removed.Count > 0)
        {
            index.Apply([], [], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(removed), from);
        }

        var damaged = IndexSource.ReadVectors(connection, entry.Sql, ordinal, index.Plan.Dimensions, from.Vid, target.Vid, transaction,
            (vids, vectors) => index.Apply(vids, vectors, [], from), cancellationToken);
        if (damaged.Count > 0)
        {
            index.MarkDamaged(damaged);
            ReportDamaged(logger, connection, entry, index.Plan, damaged, transaction);
        }

        index.Apply([], [], [], target);
    }

    /// <summary>Logs the stored vectors left out of an index as damaged, naming the first records by key.</summary>
    public static void ReportDamaged(
        ILogger logger, PooledConnection connection, CollectionEntry entry, IndexPlan plan, IReadOnlyCollection<long> vids,
        SqliteTransaction? transaction)
    {
        if (vids.Count == 0)
        {
            return;
        }

        var named = vids.Order().Take(MaxNamedRecords).ToList();
        var keys = IndexSource.ReadKeys(connection, entry.Sql, plan.Column.Ordinal, named, transaction);
        StoreLog.DamagedVectorsLeftOut(logger, entry.Name, plan.Column.StorageName, vids.Count, VectorStoreErrors.RecordKeyList(keys, vids.Count));
    }
}
