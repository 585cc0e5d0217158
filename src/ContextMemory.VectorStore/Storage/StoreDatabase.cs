using ContextMemory.VectorStore.Failures;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The store's SQLite database: the connection pool, the store-level tables, and change detection across
/// connections and processes. Its files are <see cref="StoreDirectory"/>'s; <see cref="StoreOpening"/> decides
/// whether they may be opened at all.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class StoreDatabase : IDisposable
{
    private readonly Lock _versionGate = new();
    private readonly SqliteConnection _versionConnection;
    private readonly SqliteCommand _versionCommand;
    private bool _disposed;

    /// <summary>Opens (creating when missing) the database of <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The file is another program's database, or of an unknown store format.</exception>
    public StoreDatabase(StoreDirectory directory, bool fullSync, TimeSpan busyTimeout)
    {
        Files = directory;
        Pool = new ConnectionPool(directory.DatabasePath, fullSync, busyTimeout);
        try
        {
            Initialize();
            _versionConnection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = directory.DatabasePath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
            _versionConnection.Open();
            _versionCommand = StoreSql.CreateCommand(_versionConnection, StoreSql.SelectDataVersion);
        }
        catch
        {
            Pool.Dispose();
            throw;
        }
    }

    /// <summary>The store directory and every path in it.</summary>
    public StoreDirectory Files { get; }

    /// <summary>The full path of the store directory.</summary>
    public string Directory => Files.Root;

    public ConnectionPool Pool { get; }

    /// <summary>
    /// SQLite's <c>data_version</c> as seen by a connection that never writes: it changes whenever any
    /// other connection (in this process or another) commits. Cheap enough to call before every operation.
    /// </summary>
    public long DataVersion()
    {
        lock (_versionGate)
        {
            return (long)_versionCommand.ExecuteScalar()!;
        }
    }

    /// <summary>The highest collection id the catalog ever allocated.</summary>
    public long HighestCollectionId()
    {
        using var lease = Pool.Rent();
        return CollectionCatalog.HighestId(lease.Connection);
    }

    /// <summary>Closes every connection (and with them every file descriptor of the database); idempotent.</summary>
    public void Dispose()
    {
        lock (_versionGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _versionCommand.Dispose();
                _versionConnection.Dispose();
            }
            finally
            {
                Pool.Dispose();
            }
        }
    }

    /// <summary>Refuses another program's database, then creates (or upgrades) the catalog.</summary>
    private void Initialize()
    {
        using var lease = Pool.Rent();
        var connection = lease.Connection.Connection;

        // Checked before anything is written: setting WAL alone would change another program's file.
        using (var probe = StoreSql.CreateCommand(connection, StoreSql.SelectForeignTables))
        {
            using var reader = probe.ExecuteReader();
            reader.Read();
            if (reader.GetInt64(0) > 0 && reader.GetInt64(1) == 0)
            {
                throw new InvalidDataException(VectorStoreErrors.NotAStoreDatabase(Files.DatabasePath));
            }
        }

        using (var wal = StoreSql.CreateCommand(connection, StoreSql.InitializeDatabase))
        {
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = StoreSql.CreateCommand(connection, StoreSql.CreateCatalog, transaction);
        command.Parameters.AddWithValue("$format", StoreFormat.CurrentText);
        var stored = (string)command.ExecuteScalar()!;
        if (!StoreFormat.TryUpgrade(connection, transaction, stored))
        {
            throw new InvalidDataException(VectorStoreErrors.UnsupportedStoreFormat(stored, StoreFormat.Current));
        }

        transaction.Commit();
    }
}
