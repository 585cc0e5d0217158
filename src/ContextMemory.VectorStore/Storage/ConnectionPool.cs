using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// A small pool of initialised SQLite connections to one database file. Microsoft.Data.Sqlite's own
/// pooling is off: our connections keep their prepared commands, which its pool cannot.
/// </summary>
/// <remarks>Thread-safe. Each rented connection is used by one caller until the lease is disposed.</remarks>
internal sealed class ConnectionPool : IDisposable
{
    private const int MaxIdle = 16;
    private const int WalAutoCheckpointPages = 8192;
    private const long JournalSizeLimitBytes = 64L << 20;
    private readonly ConcurrentBag<PooledConnection> _idle = [];
    private readonly string _connectionString;
    private readonly SqlText _initializeSql;
    private volatile bool _disposed;

    public ConnectionPool(string databasePath, bool fullSync, TimeSpan busyTimeout)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();

        // 8,192 pages (64 MiB) of write-ahead log before SQLite copies it into the database: see StoreSql.ConnectionSettings.
        _initializeSql = StoreSql.ConnectionSettings(busyTimeout, fullSync, WalAutoCheckpointPages, JournalSizeLimitBytes);
    }

    public ConnectionLease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var connection))
        {
            connection = Open();
        }

        return new ConnectionLease(this, connection);
    }

    /// <summary>Closes idle connections so none keeps prepared statements on tables that changed.</summary>
    public void ClearIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    internal void Return(PooledConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle || connection.Connection.State != System.Data.ConnectionState.Open)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        ClearIdle();
    }

    private PooledConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = StoreSql.CreateCommand(connection, _initializeSql);
            command.ExecuteNonQuery();
            return new PooledConnection(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
