using System.Globalization;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Opens the indexes of a collection: each from its checkpoint when that is valid and consistent with the database (then
/// replaying newer changes), otherwise rebuilt from the database.
/// </summary>
internal static class IndexLoader
{
    /// <summary>The indexes in the order of the schema's vectors, and those of them that were rebuilt (no checkpoint yet).</summary>
    public static (VectorIndex[] Indexes, List<VectorIndex> Rebuilt) Load(
        StoreDatabase database, CheckpointFiles checkpoints, CollectionEntry entry, FaissIndexOptions options, ILogger logger,
        CancellationToken cancellationToken)
    {
        var indexes = new VectorIndex[entry.Schema.Vectors.Count];
        var rebuilt = new List<VectorIndex>();
        try
        {
            using var lease = database.Pool.Rent();
            var connection = lease.Connection;
            using var snapshot = connection.Connection.BeginTransaction(deferred: true);
            var prunedSeq = CollectionCatalog.GetPrunedSeq(connection, entry.Id, snapshot);
            for (var i = 0; i < indexes.Length; i++)
            {
                var plan = new IndexPlan(entry.Schema.Vectors[i], options);
                var position = IndexSource.ReadPosition(connection, entry.Sql, plan.Column.Ordinal, snapshot);
                var index = checkpoints.TryLoad(entry, plan, prunedSeq, position);
                if (index is not null)
                {
                    var damagedBefore = index.DamagedVids();
                    IndexBuilder.CatchUp(connection, entry, index, position, snapshot, logger, cancellationToken);
                    var stored = IndexSource.CountVectors(connection, entry.Sql, plan.Column.Ordinal, snapshot);
                    var live = index.LiveCount;
                    var damaged = index.DamagedCount;
                    if (live + damaged != stored)
                    {
                        index.Dispose();
                        index = null;
                        checkpoints.Quarantine(checkpoints.PathOf(entry.Id, plan.Column.Ordinal), entry.Name,
                            string.Create(CultureInfo.InvariantCulture, $"after replay it holds {live} vectors (and knows of {damaged} damaged ones) where the database has {stored}"));
                    }
                    else
                    {
                        // Damage found by an earlier build is reported at every open until the records are written again.
                        IndexBuilder.ReportDamaged(logger, connection, entry, plan, [.. damagedBefore.Intersect(index.DamagedVids())], snapshot);
                    }
                }

                if (index is null)
                {
                    index = IndexBuilder.Build(connection, entry, plan, position, snapshot, logger, cancellationToken);
                    rebuilt.Add(index);
                }

                indexes[i] = index;
            }

            snapshot.Commit();
        }
        catch
        {
            foreach (var index in indexes)
            {
                index?.Dispose();
            }

            throw;
        }

        return (indexes, rebuilt);
    }
}
