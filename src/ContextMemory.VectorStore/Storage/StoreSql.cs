using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// SQL text of the database as a whole: connection settings, the catalog (<c>cm_meta</c>, <c>cm_collections</c>),
/// format upgrades, change detection and maintenance. With <see cref="CollectionSql"/> (a collection's tables) it is
/// all the SQL the store runs, and <see cref="CreateCommand"/> is the one place a command gets its text.
/// </summary>
internal static class StoreSql
{
    /// <summary>
    /// Run once per open, before the catalog exists. The page size only applies to a new, empty database (it must
    /// precede WAL). 8 KiB pages hold a 1536-dimension vector (6 KiB) without an overflow chain. WAL is persistent;
    /// setting it is idempotent.
    /// </summary>
    public static readonly SqlText InitializeDatabase = new("PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;");

    /// <summary>Creates the catalog when missing and reads the store format (<c>$format</c>: the current one, for a new store).</summary>
    public static readonly SqlText CreateCatalog = new(
        "CREATE TABLE IF NOT EXISTS cm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
        "CREATE TABLE IF NOT EXISTS cm_collections (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, " +
        "uid TEXT NOT NULL, schema_json TEXT NOT NULL, pruned_seq INTEGER NOT NULL DEFAULT 0, created_utc TEXT NOT NULL);" +
        "INSERT OR IGNORE INTO cm_meta (key, value) VALUES ('format', $format);" +
        "SELECT value FROM cm_meta WHERE key = 'format';");

    /// <summary>
    /// The tables of a database file that are not the store's catalog, and whether it has the catalog: a database
    /// with tables but no catalog belongs to another program.
    /// </summary>
    public static readonly SqlText SelectForeignTables = new(
        "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'), " +
        "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'cm_meta');");

    /// <summary>Changes whenever another connection commits (read on a connection that never writes).</summary>
    public static readonly SqlText SelectDataVersion = new("PRAGMA data_version;");

    /// <summary>Copies the write-ahead log into the database and truncates it.</summary>
    public static readonly SqlText TruncateWriteAheadLog = new("PRAGMA wal_checkpoint(TRUNCATE);");

    /// <summary>Rewrites the database file (with secure delete on, no freed page keeps deleted bytes).</summary>
    public static readonly SqlText Vacuum = new("VACUUM;");

    /// <summary>A catalog row by name (<c>$name</c>): id, name, uid, schema_json, pruned_seq.</summary>
    public static readonly SqlText FindCollection = new(
        "SELECT id, name, uid, schema_json, pruned_seq FROM cm_collections WHERE name = $name;");

    /// <summary>The highest collection id ever allocated (AUTOINCREMENT's mark: ids are never reused).</summary>
    public static readonly SqlText HighestCollectionId = new(
        "SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'cm_collections'), 0);");

    public static readonly SqlText ListCollectionNames = new("SELECT name FROM cm_collections ORDER BY id;");

    /// <summary>Inserts a catalog row (<c>$name</c>, <c>$uid</c>, <c>$schema</c>, <c>$created</c>); returns its id.</summary>
    public static readonly SqlText InsertCollection = new(
        "INSERT INTO cm_collections (name, uid, schema_json, created_utc) VALUES ($name, $uid, $schema, $created) RETURNING id;");

    public static readonly SqlText UpdateCollectionSchema = new("UPDATE cm_collections SET schema_json = $schema WHERE id = $id;");

    public static readonly SqlText DeleteCollection = new("DELETE FROM cm_collections WHERE id = $id;");

    /// <summary>Raises (never lowers) the pruning mark of collection <c>$id</c> to <c>$seq</c>.</summary>
    public static readonly SqlText SetPrunedSeq = new("UPDATE cm_collections SET pruned_seq = MAX(pruned_seq, $seq) WHERE id = $id;");

    public static readonly SqlText GetPrunedSeq = new("SELECT pruned_seq FROM cm_collections WHERE id = $id;");

    /// <summary>Every collection's id and stored schema (format upgrades).</summary>
    public static readonly SqlText SelectCollectionSchemas = new("SELECT id, schema_json FROM cm_collections;");

    /// <summary>Records the store format <c>$format</c>.</summary>
    public static readonly SqlText SetFormat = new("UPDATE cm_meta SET value = $format WHERE key = 'format';");

    /// <summary>
    /// The settings of every pooled connection. secure_delete: freed pages are zeroed, so deleted text and vectors do not
    /// linger in the file. wal_autocheckpoint: SQLite's default (1,000 pages, 8 MiB here) copies the log into the
    /// database after almost every batch of large vectors, with two more fsyncs each time; <paramref name="walAutoCheckpointPages"/>
    /// pages copy each hot page (B-tree interiors, indexes) once per many commits. journal_size_limit trims the log file
    /// back after a checkpoint.
    /// </summary>
    public static SqlText ConnectionSettings(TimeSpan busyTimeout, bool fullSync, int walAutoCheckpointPages, long journalSizeLimitBytes) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(fullSync ? "FULL" : "NORMAL")}; PRAGMA secure_delete = ON; PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = {walAutoCheckpointPages}; PRAGMA journal_size_limit = {journalSizeLimitBytes};"));

    /// <summary>A new command with the builders' <paramref name="sql"/>; the caller owns (disposes or caches) it.</summary>
    /// <remarks>
    /// The only place the store sets a command's text. CA2100 cannot see where the text comes from, so it is suppressed
    /// here, once: a <see cref="SqlText"/> is made only by this class and <see cref="CollectionSql"/>, from fixed SQL,
    /// integer ids and ordinals, parameter names and translated filters (which hold parameter names, never values).
    /// </remarks>
    [SuppressMessage("Security", "CA2100", Justification = "SqlText is made only by the store's SQL builders; every value is a bound parameter (see remarks).")]
    public static SqliteCommand CreateCommand(SqliteConnection connection, SqlText sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql.Text;
        command.Transaction = transaction;
        return command;
    }
}
