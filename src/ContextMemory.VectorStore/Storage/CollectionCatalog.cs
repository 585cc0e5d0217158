using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The catalog table <c>cm_collections</c>: maps collection names (any user string, always a bound
/// parameter) to integer ids from which every table and file name is derived.
/// </summary>
internal static class CollectionCatalog
{
    private const string SelectColumns = "SELECT id, name, uid, schema_json, pruned_seq FROM cm_collections";

    public static CollectionEntry? Find(PooledConnection connection, string name, SqliteTransaction? transaction = null)
    {
        var command = connection.Command(SelectColumns + " WHERE name = $name;", transaction);
        PooledConnection.Bind(command, "$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    /// <summary>The highest collection id ever allocated (ids are never reused); 0 before the first collection.</summary>
    public static long HighestId(PooledConnection connection) =>
        connection.Command("SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'cm_collections'), 0);").ExecuteScalar() is long id ? id : 0;

    public static List<string> ListNames(PooledConnection connection)
    {
        var command = connection.Command("SELECT name FROM cm_collections ORDER BY id;");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Inserts the catalog row and creates the tables; the caller owns the (immediate) transaction.</summary>
    public static CollectionEntry Create(PooledConnection connection, string name, StoredSchema schema, SqliteTransaction transaction)
    {
        var uid = Guid.NewGuid().ToString("N");
        var insert = connection.Command(
            "INSERT INTO cm_collections (name, uid, schema_json, created_utc) VALUES ($name, $uid, $schema, $created) RETURNING id;",
            transaction);
        PooledConnection.Bind(insert, "$name", name);
        PooledConnection.Bind(insert, "$uid", uid);
        PooledConnection.Bind(insert, "$schema", schema.ToJson());
        PooledConnection.Bind(insert, "$created", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)insert.ExecuteScalar()!;

        var entry = new CollectionEntry(id, name, uid, schema, 0);
        foreach (var statement in entry.Sql.CreateStatements())
        {
            ExecuteDdl(connection, statement, transaction);
        }

        return entry;
    }

    /// <summary>Adds data columns that a newer record definition introduced (plain columns only).</summary>
    public static CollectionEntry AddDataColumns(
        PooledConnection connection, CollectionEntry entry, IReadOnlyList<StoredDataColumn> added, SqliteTransaction transaction)
    {
        foreach (var column in added)
        {
            ExecuteDdl(connection,
                $"ALTER TABLE {entry.Sql.Records} ADD COLUMN {CollectionSql.DataColumn(column.Ordinal)} {StoredTypeNames.ColumnType(column.TypeName)};",
                transaction);
            if (column.IsIndexed && !StoredTypeNames.IsCollection(column.TypeName))
            {
                ExecuteDdl(connection,
                    $"CREATE INDEX {entry.Sql.Records}_{CollectionSql.DataColumn(column.Ordinal)} ON {entry.Sql.Records} ({CollectionSql.DataColumn(column.Ordinal)});",
                    transaction);
            }
        }

        var schema = entry.Schema with { Data = [.. entry.Schema.Data, .. added] };
        var update = connection.Command("UPDATE cm_collections SET schema_json = $schema WHERE id = $id;", transaction);
        PooledConnection.Bind(update, "$schema", schema.ToJson());
        PooledConnection.Bind(update, "$id", entry.Id);
        update.ExecuteNonQuery();
        return entry with { Schema = schema };
    }

    /// <summary>Drops the tables and the catalog row; the caller owns the (immediate) transaction.</summary>
    public static void Drop(PooledConnection connection, CollectionEntry entry, SqliteTransaction transaction)
    {
        foreach (var statement in entry.Sql.DropStatements())
        {
            ExecuteDdl(connection, statement, transaction);
        }

        var delete = connection.Command("DELETE FROM cm_collections WHERE id = $id;", transaction);
        PooledConnection.Bind(delete, "$id", entry.Id);
        delete.ExecuteNonQuery();
    }

    public static void SetPrunedSeq(PooledConnection connection, long id, long prunedSeq, SqliteTransaction transaction)
    {
        var update = connection.Command("UPDATE cm_collections SET pruned_seq = MAX(pruned_seq, $seq) WHERE id = $id;", transaction);
        PooledConnection.Bind(update, "$seq", prunedSeq);
        PooledConnection.Bind(update, "$id", id);
        update.ExecuteNonQuery();
    }

    public static long GetPrunedSeq(PooledConnection connection, long id, SqliteTransaction? transaction = null)
    {
        var select = connection.Command("SELECT pruned_seq FROM cm_collections WHERE id = $id;", transaction);
        PooledConnection.Bind(select, "$id", id);
        return select.ExecuteScalar() is long value ? value : 0;
    }

    private static CollectionEntry ReadEntry(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StoredSchema.FromJson(reader.GetString(3)), reader.GetInt64(4));

    // DDL is not cached: it runs once, and a prepared DDL statement would pin the old schema.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "DDL is generated from integer ids and ordinals only.")]
    private static void ExecuteDdl(PooledConnection connection, string sql, SqliteTransaction transaction)
    {
        using var command = connection.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
