using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The catalog table <c>cm_collections</c>: maps collection names (any user string, always a bound
/// parameter) to integer ids from which every table and file name is derived. Its SQL is <see cref="StoreSql"/>'s.
/// </summary>
internal static class CollectionCatalog
{
    public static CollectionEntry? Find(PooledConnection connection, string name, SqliteTransaction? transaction = null)
    {
        var command = connection.Command(StoreSql.FindCollection, transaction);
        PooledConnection.Bind(command, "$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    /// <summary>The highest collection id ever allocated (ids are never reused); 0 before the first collection.</summary>
    public static long HighestId(PooledConnection connection) =>
        connection.Command(StoreSql.HighestCollectionId).ExecuteScalar() is long id ? id : 0;

    public static List<string> ListNames(PooledConnection connection)
    {
        var command = connection.Command(StoreSql.ListCollectionNames);
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
        var insert = connection.Command(StoreSql.InsertCollection, transaction);
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
        foreach (var statement in added.SelectMany(entry.Sql.AddDataColumnStatements))
        {
            ExecuteDdl(connection, statement, transaction);
        }

        var schema = entry.Schema with { Data = [.. entry.Schema.Data, .. added] };
        var update = connection.Command(StoreSql.UpdateCollectionSchema, transaction);
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

        var delete = connection.Command(StoreSql.DeleteCollection, transaction);
        PooledConnection.Bind(delete, "$id", entry.Id);
        delete.ExecuteNonQuery();
    }

    public static void SetPrunedSeq(PooledConnection connection, long id, long prunedSeq, SqliteTransaction transaction)
    {
        var update = connection.Command(StoreSql.SetPrunedSeq, transaction);
        PooledConnection.Bind(update, "$seq", prunedSeq);
        PooledConnection.Bind(update, "$id", id);
        update.ExecuteNonQuery();
    }

    public static long GetPrunedSeq(PooledConnection connection, long id, SqliteTransaction? transaction = null)
    {
        var select = connection.Command(StoreSql.GetPrunedSeq, transaction);
        PooledConnection.Bind(select, "$id", id);
        return select.ExecuteScalar() is long value ? value : 0;
    }

    private static CollectionEntry ReadEntry(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StoredSchema.FromJson(reader.GetString(3)), reader.GetInt64(4));

    // DDL is not cached: it runs once, and a prepared DDL statement would pin the old schema.
    private static void ExecuteDdl(PooledConnection connection, SqlText sql, SqliteTransaction transaction)
    {
        using var command = StoreSql.CreateCommand(connection.Connection, sql, transaction);
        command.ExecuteNonQuery();
    }
}
