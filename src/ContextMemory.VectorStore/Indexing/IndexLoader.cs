using System.Globalization;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Opens the indexes of a collection: each from its checkpoint when that is valid and consistent with the database (then
/// replaying newer changes), otherwise rebuilt from the database.
/// </summary>
internal static class IndexLoader
{
    /// <summary>The indexes in the order of the schema's vectors, and those of them that were rebuilt (no checkpoint yet).</summary>
    public static (VectorIndex[] Indexes, List<VectorIndex> Rebuilt) Load(
        StoreDatabase database, CheckpointFiles checkpoints, CollectionEntry entry, FaissIndexOptions options, CancellationToken cancellationToken)
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
                    IndexBuilder.CatchUp(connection, entry.Sql, index, position, snapshot, cancellationToken);
                    var stored = IndexSource.CountVectors(connection, entry.Sql, plan.Column.Ordinal, snapshot);
                    var live = index.LiveCount;
                    if (live != stored)
                    {
                        index.Dispose();
                        index = null;
                        checkpoints.Quarantine(checkpoints.PathOf(entry.Id, plan.Column.Ordinal), entry.Name,
                            string.Create(CultureInfo.InvariantCulture, $"after replay it holds {live} vectors where the database has {stored}"));
                    }
                }

                if (index is null)
                {
                    var (built, trainedAt) = IndexBuilder.Build(connection, entry.Sql, plan, position, snapshot, cancellationToken);
                    index = new VectorIndex(plan, built, trainedAt, position, unsaved: true);
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
