using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The store directory and its SQLite database: paths, the connection pool, the store-level tables,
/// and change detection across connections and processes.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class StoreDatabase : IDisposable
{
    public const string DatabaseFileName = "store.db";

    private readonly Lock _versionGate = new();
    private readonly SqliteConnection _versionConnection;
    private readonly SqliteCommand _versionCommand;

    public StoreDatabase(string directory, bool fullSync, TimeSpan busyTimeout)
    {
        Directory = Path.GetFullPath(directory);
        IndexDirectory = Path.Combine(Directory, "indexes");
        QuarantineDirectory = Path.Combine(Directory, "quarantine");
        LockDirectory = Path.Combine(Directory, "locks");
        DatabasePath = Path.Combine(Directory, DatabaseFileName);
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(IndexDirectory);
        System.IO.Directory.CreateDirectory(LockDirectory);

        Pool = new ConnectionPool(DatabasePath, fullSync, busyTimeout);
        try
        {
            Initialize();
            _versionConnection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = DatabasePath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
            _versionConnection.Open();
            _versionCommand = _versionConnection.CreateCommand();
            _versionCommand.CommandText = "PRAGMA data_version;";
        }
        catch
        {
            Pool.Dispose();
            throw;
        }
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string IndexDirectory { get; }

    public string QuarantineDirectory { get; }

    public string LockDirectory { get; }

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

    public void Dispose()
    {
        lock (_versionGate)
        {
            _versionCommand.Dispose();
            _versionConnection.Dispose();
        }

        Pool.Dispose();
    }

    private void Initialize()
    {
        using var lease = Pool.Rent();
        var connection = lease.Connection.Connection;
        using (var wal = connection.CreateCommand())
        {
            // The page size only applies to a new, empty database (it must precede WAL). 8 KiB pages hold a
            // 1536-dimension vector (6 KiB) without an overflow chain. WAL is persistent; setting it is idempotent.
            wal.CommandText = "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "CREATE TABLE IF NOT EXISTS cm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
            "CREATE TABLE IF NOT EXISTS cm_collections (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, " +
            "uid TEXT NOT NULL, schema_json TEXT NOT NULL, pruned_seq INTEGER NOT NULL DEFAULT 0, created_utc TEXT NOT NULL);" +
            "INSERT OR IGNORE INTO cm_meta (key, value) VALUES ('format', $format);" +
            "SELECT value FROM cm_meta WHERE key = 'format';";
        command.Parameters.AddWithValue("$format", StoreFormat.CurrentText);
        var stored = (string)command.ExecuteScalar()!;
        if (!StoreFormat.TryUpgrade(connection, transaction, stored))
        {
            throw new InvalidDataException(VectorStoreErrors.UnsupportedStoreFormat(stored, StoreFormat.Current));
        }

        transaction.Commit();
    }
}
