using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// A filter translated to SQL: a boolean expression over the record alias, and the parameters it binds.
/// The expression is two-valued (0 or 1, never NULL), so it can be combined with other conditions as is.
/// </summary>
internal sealed class SqlFilter
{
    public SqlFilter(string sql, IReadOnlyList<SqlFilterParameter> parameters)
    {
        Sql = sql;
        Parameters = parameters;
    }

    /// <summary>The SQL boolean expression; contains parameter names, never user values.</summary>
    public string Sql { get; }

    /// <summary>The parameters to bind, in order of first appearance.</summary>
    public IReadOnlyList<SqlFilterParameter> Parameters { get; }

    /// <summary>Binds the parameters, replacing values left by an earlier use of a cached command with the same text.</summary>
    public void BindTo(SqliteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var parameter in Parameters)
        {
            var index = command.Parameters.IndexOf(parameter.Name);
            if (index < 0)
            {
                command.Parameters.AddWithValue(parameter.Name, parameter.Value);
            }
            else
            {
                command.Parameters[index].Value = parameter.Value;
            }
        }
    }
}
