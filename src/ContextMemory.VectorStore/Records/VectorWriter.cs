using System.Runtime.InteropServices;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Writes the vectors of one vector property for the records of one write transaction. Resolves its commands and
/// parameters once, and converts every vector through one scratch buffer (SQLite copies a bound BLOB, so the buffer
/// can be refilled for the next row). Each vector is stored with its checksum (<see cref="StoredVector"/>).
/// </summary>
/// <remarks>Used by one write at a time, inside its transaction.</remarks>
internal sealed class VectorWriter
{
    private readonly PooledConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly CollectionSql _sql;
    private readonly WriteBatch _changes;
    private readonly int _slot;
    private readonly int _ordinal;
    private readonly SqliteCommand _select;
    private readonly SqliteParameter _selectRid;
    private readonly SqliteParameter _selectVector;
    private readonly SqliteParameter _selectChecksum;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _insertRid;
    private readonly SqliteParameter _insertVector;
    private readonly SqliteParameter _insertChecksum;
    private readonly byte[] _scratch;

    public VectorWriter(PooledConnection connection, SqliteTransaction transaction, CollectionSql sql, WriteBatch changes, int slot)
    {
        _connection = connection;
        _transaction = transaction;
        _sql = sql;
        _changes = changes;
        _slot = slot;
        var column = sql.Schema.Vectors[slot];
        _ordinal = column.Ordinal;
        _scratch = new byte[column.Dimensions * sizeof(float)];
        _select = connection.Command(sql.SelectVectorByRid(_ordinal), transaction);
        _selectRid = PooledConnection.Parameter(_select, "$rid");
        _selectVector = PooledConnection.Parameter(_select, "$v");
        _selectChecksum = PooledConnection.Parameter(_select, "$c");
        _insert = connection.Command(sql.InsertVector(_ordinal), transaction);
        _insertRid = PooledConnection.Parameter(_insert, "$rid");
        _insertVector = PooledConnection.Parameter(_insert, "$v");
        _insertChecksum = PooledConnection.Parameter(_insert, "$c");
    }

    /// <summary>
    /// Sets the vector of record <paramref name="rid"/>. An unchanged vector keeps its vid (and costs the index nothing); a
    /// changed or removed one gets its old vid logged as removed. A record inserted by this transaction
    /// (<paramref name="isNewRecord"/>) has no vector yet, so there is nothing to compare or remove.
    /// </summary>
    public void Replace(long rid, ReadOnlyMemory<float>? vector, bool isNewRecord)
    {
        byte[]? bytes = null;
        long checksum = 0;
        if (vector is { } v)
        {
            MemoryMarshal.AsBytes(v.Span).CopyTo(_scratch);
            bytes = _scratch;
            checksum = StoredVector.Checksum(bytes);
        }

        if (!isNewRecord && ReplacesExisting(rid, bytes, checksum))
        {
            return;
        }

        if (bytes is not null)
        {
            _insertRid.Value = rid;
            _insertVector.Value = bytes;
            _insertChecksum.Value = checksum;
            var vid = (long)_insert.ExecuteScalar()!;
            _changes.Added(_slot, vid, vector!.Value);
        }
    }

    /// <summary>
    /// Removes the record's current vector unless it is stored intact as <paramref name="bytes"/> with
    /// <paramref name="checksum"/>; true when it is (nothing to write).
    /// </summary>
    private bool ReplacesExisting(long rid, byte[]? bytes, long checksum)
    {
        _selectRid.Value = rid;
        _selectVector.Value = (object?)bytes ?? DBNull.Value;
        _selectChecksum.Value = checksum;
        long? existing = null;
        using (var reader = _select.ExecuteReader())
        {
            if (reader.Read())
            {
                if (bytes is not null && !reader.IsDBNull(1) && reader.GetInt64(1) == 1)
                {
                    return true;
                }

                existing = reader.GetInt64(0);
            }
        }

        if (existing is { } oldVid)
        {
            var delete = _connection.Command(_sql.DeleteVectorByVid(_ordinal), _transaction);
            PooledConnection.Bind(delete, "$vid", oldVid);
            delete.ExecuteNonQuery();
            RowWriter.LogRemoval(_connection, _transaction, _sql, _ordinal, oldVid);
            _changes.Removed(_slot, oldVid);
        }

        return false;
    }
}
