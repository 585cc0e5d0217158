using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// One open SQLite connection owned by <see cref="ConnectionPool"/>, with its prepared commands kept
/// for reuse (preparing a statement costs more than running a small one). Used by one caller at a time.
/// </summary>
internal sealed class PooledConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public PooledConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>A cached command for <paramref name="sql"/>; its parameters are created on first use.</summary>
    public SqliteCommand Command(SqlText sql, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql.Text, out var command))
        {
            command = StoreSql.CreateCommand(Connection, sql);
            _commands.Add(sql.Text, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Sets (creating on first use) the parameter <paramref name="name"/> of a cached command.</summary>
    public static void Bind(SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
    }

    /// <summary>
    /// The parameter <paramref name="name"/> of a cached command (created on first use), for callers that set its value
    /// many times: cheaper than <see cref="Bind"/>, which looks the name up on every call.
    /// </summary>
    public static SqliteParameter Parameter(SqliteCommand command, string name)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        return index >= 0 ? parameters[index] : parameters.AddWithValue(name, DBNull.Value);
    }

    /// <summary>Drops cached commands (after DDL, whose schema changes invalidate prepared statements' plans).</summary>
    public void ClearCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    public void Dispose()
    {
        ClearCommands();
        Connection.Dispose();
    }
}
