using System.Runtime.InteropServices;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Row-level writes shared by upserts and deletes, run inside the caller's write transaction. Each records the
/// index changes it causes in the <see cref="WriteBatch"/> and the removal log.
/// </summary>
internal static class RecordWriter
{
    /// <summary>
    /// Sets the vector of record <paramref name="rid"/> for the vector property in index slot <paramref name="slot"/>.
    /// An unchanged vector keeps its vid (and costs the index nothing); a changed or removed one gets its old vid
    /// logged as removed.
    /// </summary>
    public static void ReplaceVector(
        PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, WriteBatch changes, int slot, long rid,
        ReadOnlyMemory<float>? vector)
    {
        var ordinal = sql.Schema.Vectors[slot].Ordinal;
        var bytes = vector is { } v ? MemoryMarshal.AsBytes(v.Span).ToArray() : null;
        var select = connection.Command(sql.SelectVectorByRid(ordinal), transaction);
        PooledConnection.Bind(select, "$rid", rid);
        PooledConnection.Bind(select, "$v", bytes);
        long? existing = null;
        using (var reader = select.ExecuteReader())
        {
            if (reader.Read())
            {
                if (bytes is not null && !reader.IsDBNull(1) && reader.GetInt64(1) == 1)
                {
                    return;
                }

                existing = reader.GetInt64(0);
            }
        }

        if (existing is { } oldVid)
        {
            var delete = connection.Command(sql.DeleteVectorByVid(ordinal), transaction);
            PooledConnection.Bind(delete, "$vid", oldVid);
            delete.ExecuteNonQuery();
            LogRemoval(connection, transaction, sql, ordinal, oldVid);
            changes.Removed(slot, oldVid);
        }

        if (bytes is not null)
        {
            var insert = connection.Command(sql.InsertVector(ordinal), transaction);
            PooledConnection.Bind(insert, "$rid", rid);
            PooledConnection.Bind(insert, "$v", bytes);
            var vid = (long)insert.ExecuteScalar()!;
            changes.Added(slot, vid, vector!.Value.Span);
        }
    }

    /// <summary>Deletes a record row with its vectors (of every vector property) and full-text entry.</summary>
    public static void DeleteRecord(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, WriteBatch changes, long rid)
    {
        for (var slot = 0; slot < sql.Schema.Vectors.Count; slot++)
        {
            var ordinal = sql.Schema.Vectors[slot].Ordinal;
            var delete = connection.Command(sql.DeleteVectorByRid(ordinal), transaction);
            PooledConnection.Bind(delete, "$rid", rid);
            if (delete.ExecuteScalar() is long vid)
            {
                LogRemoval(connection, transaction, sql, ordinal, vid);
                changes.Removed(slot, vid);
            }
        }

        if (sql.HasFullText)
        {
            var deleteText = connection.Command(sql.DeleteFullText, transaction);
            PooledConnection.Bind(deleteText, "$rid", rid);
            deleteText.ExecuteNonQuery();
        }

        var deleteRecord = connection.Command(sql.DeleteRecordByRid, transaction);
        PooledConnection.Bind(deleteRecord, "$rid", rid);
        deleteRecord.ExecuteNonQuery();
    }

    /// <summary>Replaces the full-text entry of a record with the stored values of its full-text columns.</summary>
    public static void ReindexFullText(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, long rid)
    {
        var delete = connection.Command(sql.DeleteFullText, transaction);
        PooledConnection.Bind(delete, "$rid", rid);
        delete.ExecuteNonQuery();
        var insert = connection.Command(sql.InsertFullText, transaction);
        PooledConnection.Bind(insert, "$rid", rid);
        insert.ExecuteNonQuery();
    }

    private static void LogRemoval(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, int ordinal, long vid)
    {
        var log = connection.Command(sql.InsertRemoval, transaction);
        PooledConnection.Bind(log, "$j", ordinal);
        PooledConnection.Bind(log, "$vid", vid);
        log.ExecuteNonQuery();
    }
}
