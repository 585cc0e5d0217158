using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// Direct access to a closed store's database file, for tests that change or inspect what the store wrote the way a
/// failing disk, another program or an older version would.
/// </summary>
public static class RawDatabase
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> with <c>$p0</c>, <c>$p1</c>, ... bound to <paramref name="parameters"/>.</summary>
    public static void Execute(string path, string sql, params object[] parameters)
    {
        using var connection = Open(path);
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>The first column of every row, as text, sorted ordinally.</summary>
    public static List<string> Query(string path, string sql, params object[] parameters)
    {
        using var connection = Open(path);
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        values.Sort(StringComparer.Ordinal);
        return values;
    }

    /// <summary>The first column of the first row.</summary>
    public static object? Scalar(string path, string sql, params object[] parameters)
    {
        using var connection = Open(path);
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, object[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), parameters[i]);
        }

        return command;
    }
}
