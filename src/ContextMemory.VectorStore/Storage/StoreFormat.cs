using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The on-disk format version of the store database (<c>cm_meta.format</c>) and the upgrades from earlier versions.
/// </summary>
/// <remarks>
/// Format 1 lacked the (vid, rid) index of each vector table (<see cref="CollectionSql.VidIndex"/>); format 2 added it.
/// Format 2 lacked the checksum of each stored vector (<see cref="StoredVector"/>); format 3 adds the column and fills it
/// from the bytes stored at the time of the upgrade.
/// </remarks>
internal static class StoreFormat
{
    public const int Current = 3;

    public static string CurrentText => Current.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Upgrades a database at format <paramref name="stored"/> to <see cref="Current"/> inside the caller's immediate
    /// transaction. False when the format is unknown (newer, or damaged): nothing is changed then.
    /// </summary>
    public static bool TryUpgrade(SqliteConnection connection, SqliteTransaction transaction, string stored)
    {
        if (stored == CurrentText)
        {
            return true;
        }

        var from = stored switch
        {
            "1" => 1,
            "2" => 2,
            _ => 0,
        };
        if (from == 0)
        {
            return false;
        }

        var statements = new List<SqlText>();
        using (var select = StoreSql.CreateCommand(connection, StoreSql.SelectCollectionSchemas, transaction))
        {
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var sql = new CollectionSql(reader.GetInt64(0), StoredSchema.FromJson(reader.GetString(1)));
                foreach (var vector in sql.Schema.Vectors)
                {
                    if (from < 2)
                    {
                        statements.Add(sql.CreateVidIndex(vector.Ordinal));
                    }

                    statements.AddRange(sql.AddChecksumColumnStatements(vector.Ordinal));
                }
            }
        }

        statements.Add(StoreSql.SetFormat);
        StoredVector.RegisterChecksumFunction(connection);
        foreach (var statement in statements)
        {
            using var command = StoreSql.CreateCommand(connection, statement, transaction);
            command.Parameters.AddWithValue("$format", CurrentText);
            command.ExecuteNonQuery();
        }

        return true;
    }
}
