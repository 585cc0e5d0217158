using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// Reads what an index is derived from: the raw vectors and the removal log of one vector property.
/// Callers run these inside one transaction so that a position and the rows read agree.
/// </summary>
internal static class IndexSource
{
    /// <summary>Rows handed to an index per batch while building or replaying, at most.</summary>
    public const int BatchSize = 4096;

    /// <summary>The size of one batch's vectors, at most: <see cref="BatchSize"/> rows of 1,536 dimensions (24 MiB).</summary>
    public const int BatchBytes = BatchSize * 1536 * sizeof(float);

    /// <summary>Rows per batch for vectors of <paramref name="dimensions"/>: batches are sized by bytes, not by rows.</summary>
    public static int RowsPerBatch(int dimensions) => Math.Clamp(BatchBytes / Math.Max(1, dimensions * sizeof(float)), 1, BatchSize);

    public static IndexPosition ReadPosition(PooledConnection connection, CollectionSql sql, int ordinal, SqliteTransaction? transaction)
    {
        var command = connection.Command(sql.SelectPosition(ordinal), transaction);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IndexPosition(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Streams the intact vectors with <paramref name="afterVid"/> &lt; vid &lt;= <paramref name="uptoVid"/> in vid order, a
    /// batch at a time, and returns the vids of the damaged rows it left out (<see cref="StoredVector.TryRead"/>).
    /// </summary>
    public static List<long> ReadVectors(
        PooledConnection connection, CollectionSql sql, int ordinal, int dimensions, long afterVid, long uptoVid,
        SqliteTransaction? transaction, Action<ReadOnlySpan<long>, ReadOnlySpan<float>> batch, CancellationToken cancellationToken)
    {
        var command = connection.Command(sql.SelectVectorsAfter(ordinal), transaction);
        PooledConnection.Bind(command, "$after", afterVid);
        PooledConnection.Bind(command, "$upto", uptoVid);
        var rows = RowsPerBatch(dimensions);
        var vids = new long[rows];
        var vectors = new float[rows * dimensions];
        var damaged = new List<long>();
        var count = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!StoredVector.TryRead(reader, 1, vectors.AsSpan(count * dimensions, dimensions)))
            {
                damaged.Add(reader.GetInt64(0));
                continue;
            }

            vids[count] = reader.GetInt64(0);
            if (++count == rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch(vids, vectors);
                count = 0;
            }
        }

        if (count > 0)
        {
            batch(vids.AsSpan(0, count), vectors.AsSpan(0, count * dimensions));
        }

        return damaged;
    }

    /// <summary>Vids removed from vector property <paramref name="ordinal"/> with seq in (after, upto].</summary>
    public static List<long> ReadRemovals(
        PooledConnection connection, CollectionSql sql, int ordinal, long afterSeq, long uptoSeq, SqliteTransaction? transaction)
    {
        var command = connection.Command(sql.SelectRemovalsAfter, transaction);
        PooledConnection.Bind(command, "$j", ordinal);
        PooledConnection.Bind(command, "$after", afterSeq);
        PooledConnection.Bind(command, "$upto", uptoSeq);
        var removed = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            removed.Add(reader.GetInt64(1));
        }

        return removed;
    }

    /// <summary>
    /// A training sample of up to <paramref name="size"/> vectors with vid &lt;= <paramref name="uptoVid"/>, chosen
    /// by a fixed hash of the vid so rebuilds of the same data train the same way. Damaged rows are left out (the read
    /// that builds the index reports them).
    /// </summary>
    public static float[] ReadSample(
        PooledConnection connection, CollectionSql sql, int ordinal, int dimensions, long uptoVid, int size, SqliteTransaction? transaction)
    {
        var command = connection.Command(sql.SelectSample(ordinal), transaction);
        PooledConnection.Bind(command, "$upto", uptoVid);
        PooledConnection.Bind(command, "$n", size);
        var sample = new List<float>((int)Math.Min((long)size * dimensions, IndexBuilder.MaxTrainingBytes / sizeof(float)));
        var vector = new float[dimensions];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (StoredVector.TryRead(reader, 0, vector))
            {
                sample.AddRange(vector);
            }
        }

        return [.. sample];
    }

    /// <summary>The stored keys of the records whose vectors have <paramref name="vids"/>, in vid order (for messages).</summary>
    public static List<object> ReadKeys(PooledConnection connection, CollectionSql sql, int ordinal, IReadOnlyList<long> vids, SqliteTransaction? transaction)
    {
        var command = connection.Command(sql.SelectKeysByVids(ordinal, vids.Count), transaction);
        for (var i = 0; i < vids.Count; i++)
        {
            PooledConnection.Bind(command, CollectionSql.ListParameter("v", i), vids[i]);
        }

        var keys = new List<object>(vids.Count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetValue(0));
        }

        return keys;
    }

    public static long CountVectors(PooledConnection connection, CollectionSql sql, int ordinal, SqliteTransaction? transaction) =>
        (long)connection.Command(sql.SelectVectorCount(ordinal), transaction).ExecuteScalar()!;
}
