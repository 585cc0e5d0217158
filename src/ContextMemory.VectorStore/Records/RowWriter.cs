using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Row-level writes shared by upserts and deletes, run inside the caller's write transaction. Each records the
/// index changes it causes in the <see cref="WriteBatch"/> and the removal log.
/// </summary>
internal static class RowWriter
{
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
            ExecuteForRow(connection, transaction, sql.DeleteFullText, rid);
        }

        ExecuteForRow(connection, transaction, sql.DeleteRecordByRid, rid);
    }

    /// <summary>
    /// Replaces the full-text entry of a record with the stored values of its full-text columns. A record inserted by
    /// this transaction (<paramref name="isNewRecord"/>) has no entry to delete.
    /// </summary>
    public static void ReindexFullText(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, long rid, bool isNewRecord)
    {
        if (!isNewRecord)
        {
            ExecuteForRow(connection, transaction, sql.DeleteFullText, rid);
        }

        ExecuteForRow(connection, transaction, sql.InsertFullText, rid);
    }

    /// <summary>Appends a removed vid to the removal log.</summary>
    public static void LogRemoval(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, int ordinal, long vid)
    {
        var log = connection.Command(sql.InsertRemoval, transaction);
        PooledConnection.Bind(log, "$j", ordinal);
        PooledConnection.Bind(log, "$vid", vid);
        log.ExecuteNonQuery();
    }

    /// <summary>Runs a statement of one row, <c>$rid</c>.</summary>
    private static void ExecuteForRow(PooledConnection connection, SqliteTransaction transaction, SqlText statement, long rid)
    {
        var command = connection.Command(statement, transaction);
        PooledConnection.Bind(command, "$rid", rid);
        command.ExecuteNonQuery();
    }
}
