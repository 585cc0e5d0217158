using System.Runtime.InteropServices;
using ContextMemory.VectorStore.Failures;
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

    /// <summary>Streams vectors with <paramref name="afterVid"/> &lt; vid &lt;= <paramref name="uptoVid"/> in vid order, a batch at a time.</summary>
    public static void ReadVectors(
        PooledConnection connection, CollectionSql sql, int ordinal, int dimensions, long afterVid, long uptoVid,
        SqliteTransaction? transaction, Action<ReadOnlySpan<long>, ReadOnlySpan<float>> batch, CancellationToken cancellationToken)
    {
        var command = connection.Command(sql.SelectVectorsAfter(ordinal), transaction);
        PooledConnection.Bind(command, "$after", afterVid);
        PooledConnection.Bind(command, "$upto", uptoVid);
        var rows = RowsPerBatch(dimensions);
        var vids = new long[rows];
        var vectors = new float[rows * dimensions];
        var count = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vids[count] = reader.GetInt64(0);
            ReadVector(reader, 1, vectors.AsSpan(count * dimensions, dimensions));
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
    /// by a fixed hash of the vid so rebuilds of the same data train the same way.
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
            ReadVector(reader, 0, vector);
            sample.AddRange(vector);
        }

        return [.. sample];
    }

    public static long CountVectors(PooledConnection connection, CollectionSql sql, int ordinal, SqliteTransaction? transaction) =>
        (long)connection.Command(sql.SelectVectorCount(ordinal), transaction).ExecuteScalar()!;

    /// <summary>Copies a little-endian float32 BLOB column into <paramref name="destination"/>.</summary>
    public static void ReadVector(SqliteDataReader reader, int column, Span<float> destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        var length = reader.GetBytes(column, 0, null, 0, 0);
        if (length != bytes.Length)
        {
            throw new InvalidDataException(VectorStoreErrors.StoredVectorLength(length, bytes.Length));
        }

        var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            reader.GetBytes(column, 0, scratch, 0, bytes.Length);
            scratch.AsSpan(0, bytes.Length).CopyTo(bytes);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
