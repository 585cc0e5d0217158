using System.Globalization;
using System.Text;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// SQL text for one collection. Every identifier is derived from the collection's integer id and
/// column ordinals; nothing a user passes (names, keys, values) is ever part of the text.
/// Instances are immutable and cache the statements they build.
/// </summary>
internal sealed class CollectionSql
{
    /// <summary>Table alias of the records table in every SELECT built here.</summary>
    public const string RecordAlias = "r";

    public CollectionSql(long collectionId, StoredSchema schema)
    {
        CollectionId = collectionId;
        Schema = schema;
        Prefix = "c" + collectionId.ToString(CultureInfo.InvariantCulture);
        Records = Prefix + "_records";
        Removed = Prefix + "_removed";
        FullText = Prefix + "_fts";
        HasFullText = schema.Data.Any(d => d.IsFullTextIndexed);

        SelectRidByKey = $"SELECT rid FROM {Records} WHERE k = $k;";
        DeleteRecordByRid = $"DELETE FROM {Records} WHERE rid = $rid;";
        NextGeneratedKey = $"SELECT IFNULL(MAX(k), 0) + 1 FROM {Records};";
        InsertRemoval = $"INSERT INTO {Removed} (j, vid) VALUES ($j, $vid);";

        var fullTextColumns = schema.Data.Where(d => d.IsFullTextIndexed).Select(d => DataColumn(d.Ordinal)).ToArray();
        InsertFullText = HasFullText
            ? $"INSERT INTO {FullText} (rowid, {string.Join(", ", fullTextColumns)}) SELECT rid, {string.Join(", ", fullTextColumns)} FROM {Records} WHERE rid = $rid;"
            : string.Empty;
        DeleteFullText = HasFullText ? $"DELETE FROM {FullText} WHERE rowid = $rid;" : string.Empty;
    }

    public long CollectionId { get; }

    public StoredSchema Schema { get; }

    public string Prefix { get; }

    public string Records { get; }

    public string Removed { get; }

    public string FullText { get; }

    public bool HasFullText { get; }

    public string SelectRidByKey { get; }

    public string DeleteRecordByRid { get; }

    public string NextGeneratedKey { get; }

    public string InsertRemoval { get; }

    /// <summary>Indexes the stored full-text columns of row <c>$rid</c>.</summary>
    public string InsertFullText { get; }

    public string DeleteFullText { get; }

    public static string DataColumn(int ordinal) => "p" + ordinal.ToString(CultureInfo.InvariantCulture);

    public string VectorTable(int ordinal) => $"{Prefix}_v{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The (vid, rid) index of a vector table. Search hits are turned into records through it: a lookup by vid in the table
    /// itself lands on a leaf page full of vector bytes (one row per page at 1,536 dimensions), while this index packs
    /// hundreds of entries into each page and stays in the cache.
    /// </summary>
    public string VidIndex(int ordinal) => VectorTable(ordinal) + "_vid";

    /// <summary>Creates <see cref="VidIndex"/> (idempotent, for stores made before it existed).</summary>
    public string CreateVidIndex(int ordinal) =>
        $"CREATE INDEX IF NOT EXISTS {VidIndex(ordinal)} ON {VectorTable(ordinal)} (vid, rid);";

    /// <summary>
    /// The records table's AUTOINCREMENT high-water mark. Read inside a write transaction, every rid above it belongs to a
    /// row inserted by that transaction (rids only grow and are never reused).
    /// </summary>
    public string SelectRecordSeq => $"SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = '{Records}'), 0);";

    public string SelectVectorByRid(int ordinal) => $"SELECT vid, v = $v FROM {VectorTable(ordinal)} WHERE rid = $rid;";

    public string InsertVector(int ordinal) => $"INSERT INTO {VectorTable(ordinal)} (rid, v) VALUES ($rid, $v) RETURNING vid;";

    public string DeleteVectorByRid(int ordinal) => $"DELETE FROM {VectorTable(ordinal)} WHERE rid = $rid RETURNING vid;";

    public string DeleteVectorByVid(int ordinal) => $"DELETE FROM {VectorTable(ordinal)} WHERE vid = $vid;";

    /// <summary>
    /// The index position in the database: the highest vid ever allocated for a vector property and the highest
    /// removal seq. AUTOINCREMENT's high-water marks are used because MAX() falls when the newest rows are deleted
    /// or the removal log is pruned.
    /// </summary>
    public string SelectPosition(int ordinal) =>
        $"SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = '{VectorTable(ordinal)}'), 0), " +
        $"IFNULL((SELECT seq FROM sqlite_sequence WHERE name = '{Removed}'), 0);";

    public string PruneRemovals => $"DELETE FROM {Removed} WHERE seq <= $upto;";

    public string SelectVectorsAfter(int ordinal) =>
        $"SELECT vid, v FROM {VectorTable(ordinal)} WHERE vid > $after AND vid <= $upto ORDER BY vid;";

    public string SelectRemovalsAfter => $"SELECT seq, vid FROM {Removed} WHERE j = $j AND seq > $after AND seq <= $upto ORDER BY seq;";

    public string SelectVectorCount(int ordinal) => $"SELECT COUNT(*) FROM {VectorTable(ordinal)};";

    /// <summary>A parameter list <c>$name0, $name1, ...</c> of <paramref name="count"/> entries.</summary>
    public static string ParameterList(string name, int count)
    {
        var sql = new StringBuilder(count * 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.Append('$').Append(name).Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return sql.ToString();
    }

    /// <summary>Statements that create the collection's tables (run inside one transaction).</summary>
    public IEnumerable<string> CreateStatements()
    {
        var keyColumnType = StoredTypeNames.ColumnType(Schema.Key.TypeName);
        var columns = new StringBuilder();
        foreach (var data in Schema.Data)
        {
            columns.Append(CultureInfo.InvariantCulture, $", {DataColumn(data.Ordinal)} {StoredTypeNames.ColumnType(data.TypeName)}");
        }

        yield return $"CREATE TABLE {Records} (rid INTEGER PRIMARY KEY AUTOINCREMENT, k {keyColumnType} NOT NULL UNIQUE{columns});";
        foreach (var data in Schema.Data.Where(d => d.IsIndexed && !StoredTypeNames.IsCollection(d.TypeName)))
        {
            yield return $"CREATE INDEX {Records}_{DataColumn(data.Ordinal)} ON {Records} ({DataColumn(data.Ordinal)});";
        }

        foreach (var vector in Schema.Vectors)
        {
            yield return $"CREATE TABLE {VectorTable(vector.Ordinal)} (vid INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL UNIQUE, v BLOB NOT NULL);";
            yield return CreateVidIndex(vector.Ordinal);
        }

        yield return $"CREATE TABLE {Removed} (seq INTEGER PRIMARY KEY AUTOINCREMENT, j INTEGER NOT NULL, vid INTEGER NOT NULL);";
        if (HasFullText)
        {
            var fullTextColumns = string.Join(", ", Schema.Data.Where(d => d.IsFullTextIndexed).Select(d => DataColumn(d.Ordinal)));
            yield return $"CREATE VIRTUAL TABLE {FullText} USING fts5({fullTextColumns}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');";

            // Deleted entries are removed from the index pages, not just marked, so deleted text does not linger.
            yield return $"INSERT INTO {FullText} ({FullText}, rank) VALUES ('secure-delete', 1)";
        }
    }

    /// <summary>Statements that drop every table of the collection.</summary>
    public IEnumerable<string> DropStatements()
    {
        if (HasFullText)
        {
            yield return $"DROP TABLE IF EXISTS {FullText};";
        }

        yield return $"DROP TABLE IF EXISTS {Removed};";
        foreach (var vector in Schema.Vectors)
        {
            yield return $"DROP TABLE IF EXISTS {VectorTable(vector.Ordinal)};";
        }

        yield return $"DROP TABLE IF EXISTS {Records};";
    }

    /// <summary>Merges the full-text index's segments (compaction).</summary>
    public string OptimizeFullText => $"INSERT INTO {FullText} ({FullText}) VALUES ('optimize');";

    // Store-level statements (no collection): the database file, its catalog, change detection and maintenance.

    /// <summary>
    /// Run once per open, before the catalog exists. The page size only applies to a new, empty database (it must
    /// precede WAL). 8 KiB pages hold a 1536-dimension vector (6 KiB) without an overflow chain. WAL is persistent;
    /// setting it is idempotent.
    /// </summary>
    public const string InitializeDatabase = "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;";

    /// <summary>Creates the catalog when missing and reads the store format (<c>$format</c>: the current one, for a new store).</summary>
    public const string CreateCatalog =
        "CREATE TABLE IF NOT EXISTS cm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
        "CREATE TABLE IF NOT EXISTS cm_collections (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, " +
        "uid TEXT NOT NULL, schema_json TEXT NOT NULL, pruned_seq INTEGER NOT NULL DEFAULT 0, created_utc TEXT NOT NULL);" +
        "INSERT OR IGNORE INTO cm_meta (key, value) VALUES ('format', $format);" +
        "SELECT value FROM cm_meta WHERE key = 'format';";

    /// <summary>
    /// The tables of a database file that are not the store's catalog, and whether it has the catalog: a database
    /// with tables but no catalog belongs to another program.
    /// </summary>
    public const string SelectForeignTables =
        "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'), " +
        "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'cm_meta');";

    /// <summary>Changes whenever another connection commits (read on a connection that never writes).</summary>
    public const string SelectDataVersion = "PRAGMA data_version;";

    /// <summary>Copies the write-ahead log into the database and truncates it.</summary>
    public const string TruncateWriteAheadLog = "PRAGMA wal_checkpoint(TRUNCATE);";

    /// <summary>Rewrites the database file (with secure delete on, no freed page keeps deleted bytes).</summary>
    public const string Vacuum = "VACUUM;";
}
