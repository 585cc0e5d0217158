using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Reads a stored column back as a property value. The common scalar types go through SQLite's typed getters; every
/// other type through <see cref="SqliteValueConverter.FromStorage"/>, which boxes, then converts.
/// </summary>
internal static class ColumnReaders
{
    /// <summary>A reader for a property of <paramref name="type"/>; null for a SQL NULL.</summary>
    public static Func<SqliteDataReader, int, object?> For(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return static (reader, column) => reader.IsDBNull(column) ? null : reader.GetString(column);
        }

        if (t == typeof(long))
        {
            return static (reader, column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
        }

        if (t == typeof(int))
        {
            return static (reader, column) => reader.IsDBNull(column) ? null : checked((int)reader.GetInt64(column));
        }

        if (t == typeof(double))
        {
            return static (reader, column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);
        }

        if (t == typeof(bool))
        {
            return static (reader, column) => reader.IsDBNull(column) ? null : reader.GetInt64(column) != 0;
        }

        return (reader, column) => SqliteValueConverter.FromStorage(reader.GetValue(column), type);
    }
}
