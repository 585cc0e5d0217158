using System.Globalization;
using System.Text;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// SQL text for one collection: its tables, the statements that read and write records, vectors, the removal log and
/// the full-text index, and the reads that build and replay indexes. Every identifier is derived from the collection's
/// integer id and column ordinals; nothing a user passes (names, keys, values) is ever part of the text. Filters arrive
/// translated (<see cref="SqlFilter"/>: a boolean expression of column expressions made here and parameter names) and are
/// assembled into statements here. Store-wide statements are in <see cref="StoreSql"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class CollectionSql
{
    /// <summary>Table alias of the records table in every SELECT built here.</summary>
    private const string Alias = "r";

    /// <summary>The key column of the records table, as a filter or ordering operand.</summary>
    public const string KeyColumn = Alias + ".k";

    public CollectionSql(long collectionId, StoredSchema schema)
    {
        CollectionId = collectionId;
        Schema = schema;
        Prefix = "c" + collectionId.ToString(CultureInfo.InvariantCulture);
        Records = Prefix + "_records";
        Removed = Prefix + "_removed";
        FullText = Prefix + "_fts";
        HasFullText = schema.Data.Any(d => d.IsFullTextIndexed);

        SelectRidByKey = new($"SELECT rid FROM {Records} WHERE k = $k;");
        DeleteRecordByRid = new($"DELETE FROM {Records} WHERE rid = $rid;");
        NextGeneratedKey = new($"SELECT IFNULL(MAX(k), 0) + 1 FROM {Records};");
        InsertRemoval = new($"INSERT INTO {Removed} (j, vid) VALUES ($j, $vid);");
        SelectRecordSeq = new($"SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = '{Records}'), 0);");
        PruneRemovals = new($"DELETE FROM {Removed} WHERE seq <= $upto;");
        SelectRemovalsAfter = new($"SELECT seq, vid FROM {Removed} WHERE j = $j AND seq > $after AND seq <= $upto ORDER BY seq;");

        var fullTextColumns = schema.Data.Where(d => d.IsFullTextIndexed).Select(d => DataColumn(d.Ordinal)).ToArray();
        InsertFullText = new(HasFullText
            ? $"INSERT INTO {FullText} (rowid, {string.Join(", ", fullTextColumns)}) SELECT rid, {string.Join(", ", fullTextColumns)} FROM {Records} WHERE rid = $rid;"
            : string.Empty);
        DeleteFullText = new(HasFullText ? $"DELETE FROM {FullText} WHERE rowid = $rid;" : string.Empty);
        OptimizeFullText = new($"INSERT INTO {FullText} ({FullText}) VALUES ('optimize');");
    }

    public long CollectionId { get; }

    public StoredSchema Schema { get; }

    public string Prefix { get; }

    public string Records { get; }

    public string Removed { get; }

    public string FullText { get; }

    public bool HasFullText { get; }

    /// <summary>The rid of the record with key <c>$k</c>.</summary>
    public SqlText SelectRidByKey { get; }

    public SqlText DeleteRecordByRid { get; }

    public SqlText NextGeneratedKey { get; }

    /// <summary>Logs vid <c>$vid</c> of vector ordinal <c>$j</c> as removed.</summary>
    public SqlText InsertRemoval { get; }

    /// <summary>
    /// The records table's AUTOINCREMENT high-water mark. Read inside a write transaction, every rid above it belongs to a
    /// row inserted by that transaction (rids only grow and are never reused).
    /// </summary>
    public SqlText SelectRecordSeq { get; }

    /// <summary>Deletes removal-log entries up to seq <c>$upto</c>.</summary>
    public SqlText PruneRemovals { get; }

    /// <summary>Removals of vector ordinal <c>$j</c> with <c>$after</c> &lt; seq &lt;= <c>$upto</c>, in seq order.</summary>
    public SqlText SelectRemovalsAfter { get; }

    /// <summary>Indexes the stored full-text columns of row <c>$rid</c>.</summary>
    public SqlText InsertFullText { get; }

    public SqlText DeleteFullText { get; }

    /// <summary>Merges the full-text index's segments (compaction).</summary>
    public SqlText OptimizeFullText { get; }

    /// <summary>The name of data column <paramref name="ordinal"/> (also its column name in the full-text table).</summary>
    public static string DataColumn(int ordinal) => "p" + ordinal.ToString(CultureInfo.InvariantCulture);

    /// <summary>Data column <paramref name="ordinal"/> of the records table, as a filter or ordering operand.</summary>
    public static string DataColumnOperand(int ordinal) => Alias + "." + DataColumn(ordinal);

    /// <summary>The name of parameter <paramref name="index"/> of a list made by this class (<c>$k0</c>, <c>$v3</c>).</summary>
    public static string ListParameter(string name, int index) => "$" + name + index.ToString(CultureInfo.InvariantCulture);

    public string VectorTable(int ordinal) => $"{Prefix}_v{ordinal.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The (vid, rid) index of a vector table. Search hits are turned into records through it: a lookup by vid in the table
    /// itself lands on a leaf page full of vector bytes (one row per page at 1,536 dimensions), while this index packs
    /// hundreds of entries into each page and stays in the cache.
    /// </summary>
    public string VidIndex(int ordinal) => VectorTable(ordinal) + "_vid";

    /// <summary>Creates <see cref="VidIndex"/> (idempotent, for stores made before it existed).</summary>
    public SqlText CreateVidIndex(int ordinal) =>
        new($"CREATE INDEX IF NOT EXISTS {VidIndex(ordinal)} ON {VectorTable(ordinal)} (vid, rid);");

    /// <summary>
    /// The vid of record <c>$rid</c>'s vector and whether it equals <c>$v</c> with checksum <c>$c</c> (a damaged row never
    /// does, so writing the vector again repairs it).
    /// </summary>
    public SqlText SelectVectorByRid(int ordinal) => new($"SELECT vid, v = $v AND c = $c FROM {VectorTable(ordinal)} WHERE rid = $rid;");

    /// <summary>Inserts vector <c>$v</c> of record <c>$rid</c> with its checksum <c>$c</c> (<see cref="StoredVector"/>); returns the vid.</summary>
    public SqlText InsertVector(int ordinal) => new($"INSERT INTO {VectorTable(ordinal)} (rid, v, c) VALUES ($rid, $v, $c) RETURNING vid;");

    public SqlText DeleteVectorByRid(int ordinal) => new($"DELETE FROM {VectorTable(ordinal)} WHERE rid = $rid RETURNING vid;");

    public SqlText DeleteVectorByVid(int ordinal) => new($"DELETE FROM {VectorTable(ordinal)} WHERE vid = $vid;");

    /// <summary>
    /// The index position in the database: the highest vid ever allocated for a vector property and the highest
    /// removal seq. AUTOINCREMENT's high-water marks are used because MAX() falls when the newest rows are deleted
    /// or the removal log is pruned.
    /// </summary>
    public SqlText SelectPosition(int ordinal) => new(
        $"SELECT IFNULL((SELECT seq FROM sqlite_sequence WHERE name = '{VectorTable(ordinal)}'), 0), " +
        $"IFNULL((SELECT seq FROM sqlite_sequence WHERE name = '{Removed}'), 0);");

    /// <summary>Vectors (vid, v, c) with <c>$after</c> &lt; vid &lt;= <c>$upto</c>, in vid order.</summary>
    public SqlText SelectVectorsAfter(int ordinal) =>
        new($"SELECT vid, v, c FROM {VectorTable(ordinal)} WHERE vid > $after AND vid <= $upto ORDER BY vid;");

    /// <summary>The keys of the records whose vectors (of vector ordinal <paramref name="ordinal"/>) have vids <c>$v0</c> .. <c>$v{count-1}</c>.</summary>
    public SqlText SelectKeysByVids(int ordinal, int count) => new(
        $"SELECT {Alias}.k FROM {VectorTable(ordinal)} sv JOIN {Records} {Alias} ON {Alias}.rid = sv.rid " +
        $"WHERE sv.vid IN ({ParameterList("v", count)}) ORDER BY sv.vid;");

    /// <summary>
    /// Adds the checksum column to a vector table written before it existed (store format 2 and earlier) and fills it
    /// from the stored bytes with <see cref="StoredVector.ChecksumFunction"/>, which the upgrading connection registers.
    /// </summary>
    public IEnumerable<SqlText> AddChecksumColumnStatements(int ordinal)
    {
        yield return new($"ALTER TABLE {VectorTable(ordinal)} ADD COLUMN c INTEGER NOT NULL DEFAULT 0;");
        yield return new($"UPDATE {VectorTable(ordinal)} SET c = {StoredVector.ChecksumFunction}(v);");
    }

    public SqlText SelectVectorCount(int ordinal) => new($"SELECT COUNT(*) FROM {VectorTable(ordinal)};");

    /// <summary>
    /// Up to <c>$n</c> vectors (v, c) with vid &lt;= <c>$upto</c>, chosen by a fixed hash of the vid so rebuilds of the same data
    /// train the same way.
    /// </summary>
    public SqlText SelectSample(int ordinal)
    {
        var table = VectorTable(ordinal);
        return new($"SELECT v, c FROM {table} WHERE vid IN (SELECT vid FROM {table} WHERE vid <= $upto ORDER BY (vid * 2654435761) % 4294967311 LIMIT $n);");
    }

    /// <summary>
    /// Inserts or replaces a record's key and the data columns of <paramref name="columns"/> (parameters <c>$k</c>, then
    /// <c>$p{ordinal}</c> per data column, see <see cref="UpsertParameterNames"/>); returns the rid.
    /// </summary>
    public SqlText Upsert(RecordColumns columns)
    {
        var dataColumns = columns.DataOrdinals.Select(DataColumn).ToArray();
        var assignments = string.Join(", ", dataColumns.Select(c => $"{c} = excluded.{c}"));
        return new(
            $"INSERT INTO {Records} (k{string.Concat(dataColumns.Select(c => ", " + c))}) " +
            $"VALUES ($k{string.Concat(dataColumns.Select(c => ", $" + c))}) " +
            $"ON CONFLICT (k) DO UPDATE SET {(assignments.Length == 0 ? "k = excluded.k" : assignments)} RETURNING rid;");
    }

    /// <summary>The parameters of <see cref="Upsert"/>, in order: <c>$k</c>, then one per data column.</summary>
    public static string[] UpsertParameterNames(RecordColumns columns) => ["$k", .. columns.DataOrdinals.Select(o => "$" + DataColumn(o))];

    /// <summary>The record with key <c>$k</c> (the columns of <see cref="SelectList"/>).</summary>
    public SqlText SelectByKey(RecordColumns columns, bool includeVectors) =>
        new($"SELECT {SelectList(columns, includeVectors)} FROM {Records} {Alias}{VectorJoins(columns, includeVectors)} WHERE {Alias}.k = $k;");

    /// <summary>The records with keys <c>$k0</c> .. <c>$k{count-1}</c>.</summary>
    public SqlText SelectByKeys(RecordColumns columns, bool includeVectors, int count) =>
        new($"SELECT {SelectList(columns, includeVectors)} FROM {Records} {Alias}{VectorJoins(columns, includeVectors)} " +
            $"WHERE {Alias}.k IN ({ParameterList("k", count)});");

    /// <summary>
    /// The records matching <paramref name="where"/>, ordered by <paramref name="orderBy"/> (operands made here) and then by
    /// rid, which keeps Skip-based paging stable; <c>$top</c> records after the first <c>$skip</c>.
    /// </summary>
    public SqlText SelectMatching(
        RecordColumns columns, bool includeVectors, SqlFilter where, IReadOnlyList<(string Operand, bool Ascending)> orderBy)
    {
        var sql = new StringBuilder(
            $"SELECT {SelectList(columns, includeVectors)} FROM {Records} {Alias}{VectorJoins(columns, includeVectors)} WHERE {where.Sql}");
        for (var i = 0; i < orderBy.Count; i++)
        {
            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(orderBy[i].Operand).Append(orderBy[i].Ascending ? " ASC" : " DESC");
        }

        sql.Append(orderBy.Count == 0 ? $" ORDER BY {Alias}.rid" : $", {Alias}.rid");
        return new(sql.Append(" LIMIT $top OFFSET $skip;").ToString());
    }

    /// <summary>
    /// The records (<c>sv.vid</c>, then the columns of <see cref="SelectList"/>) of <paramref name="count"/> vids of vector
    /// ordinal <paramref name="ordinal"/>, bound as <c>$v0</c>, <c>$v1</c>, ... in that order.
    /// </summary>
    public SqlText SelectByVids(RecordColumns columns, int ordinal, bool includeVectors, int count) =>
        new($"SELECT sv.vid, {SelectList(columns, includeVectors)} FROM {VectorTable(ordinal)} sv INDEXED BY {VidIndex(ordinal)} " +
            $"JOIN {Records} {Alias} ON {Alias}.rid = sv.rid{VectorJoins(columns, includeVectors)} " +
            $"WHERE sv.vid IN ({ParameterList("v", count)});");

    /// <summary>The rids of the records matching <paramref name="where"/>.</summary>
    public SqlText SelectRidsMatching(SqlFilter where) => new($"SELECT {Alias}.rid FROM {Records} {Alias} WHERE {where.Sql};");

    /// <summary>The vids of vector ordinal <paramref name="ordinal"/> whose records match <paramref name="where"/>.</summary>
    public SqlText SelectVidsMatching(int ordinal, SqlFilter where) => new(
        $"SELECT sv.vid FROM {VectorTable(ordinal)} sv JOIN {Records} {Alias} ON {Alias}.rid = sv.rid WHERE {where.Sql};");

    /// <summary>
    /// The vids (of vector ordinal <paramref name="ordinal"/>) of the best BM25 matches of the full-text query
    /// <c>$match</c> among the records matching <paramref name="where"/> (all when null), best first, at most <c>$depth</c>.
    /// </summary>
    public SqlText SelectKeywordRanking(int ordinal, SqlFilter? where) => new(
        $"SELECT sv.vid FROM {FullText} JOIN {Records} {Alias} ON {Alias}.rid = {FullText}.rowid " +
        $"JOIN {VectorTable(ordinal)} sv ON sv.rid = {Alias}.rid " +
        $"WHERE {FullText} MATCH $match{(where is null ? string.Empty : $" AND ({where.Sql})")} ORDER BY bm25({FullText}) LIMIT $depth;");

    /// <summary>Statements that create the collection's tables (run inside one transaction).</summary>
    public IEnumerable<SqlText> CreateStatements()
    {
        var keyColumnType = StoredTypeNames.ColumnType(Schema.Key.TypeName);
        var columns = new StringBuilder();
        foreach (var data in Schema.Data)
        {
            columns.Append(CultureInfo.InvariantCulture, $", {DataColumn(data.Ordinal)} {StoredTypeNames.ColumnType(data.TypeName)}");
        }

        yield return new($"CREATE TABLE {Records} (rid INTEGER PRIMARY KEY AUTOINCREMENT, k {keyColumnType} NOT NULL UNIQUE{columns});");
        foreach (var data in Schema.Data.Where(NeedsIndex))
        {
            yield return CreateDataIndex(data.Ordinal);
        }

        foreach (var vector in Schema.Vectors)
        {
            yield return new($"CREATE TABLE {VectorTable(vector.Ordinal)} (vid INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL UNIQUE, v BLOB NOT NULL, c INTEGER NOT NULL);");
            yield return CreateVidIndex(vector.Ordinal);
        }

        yield return new($"CREATE TABLE {Removed} (seq INTEGER PRIMARY KEY AUTOINCREMENT, j INTEGER NOT NULL, vid INTEGER NOT NULL);");
        if (HasFullText)
        {
            var fullTextColumns = string.Join(", ", Schema.Data.Where(d => d.IsFullTextIndexed).Select(d => DataColumn(d.Ordinal)));
            yield return new($"CREATE VIRTUAL TABLE {FullText} USING fts5({fullTextColumns}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');");

            // Deleted entries are removed from the index pages, not just marked, so deleted text does not linger.
            yield return new($"INSERT INTO {FullText} ({FullText}, rank) VALUES ('secure-delete', 1)");
        }
    }

    /// <summary>Statements that add a plain data column a newer record definition introduced (with its index when it has one).</summary>
    public IEnumerable<SqlText> AddDataColumnStatements(StoredDataColumn column)
    {
        yield return new($"ALTER TABLE {Records} ADD COLUMN {DataColumn(column.Ordinal)} {StoredTypeNames.ColumnType(column.TypeName)};");
        if (NeedsIndex(column))
        {
            yield return CreateDataIndex(column.Ordinal);
        }
    }

    /// <summary>Statements that drop every table of the collection.</summary>
    public IEnumerable<SqlText> DropStatements()
    {
        if (HasFullText)
        {
            yield return new($"DROP TABLE IF EXISTS {FullText};");
        }

        yield return new($"DROP TABLE IF EXISTS {Removed};");
        foreach (var vector in Schema.Vectors)
        {
            yield return new($"DROP TABLE IF EXISTS {VectorTable(vector.Ordinal)};");
        }

        yield return new($"DROP TABLE IF EXISTS {Records};");
    }

    /// <summary>Collection columns (JSON arrays) are filtered through json_each, which no column index serves.</summary>
    private static bool NeedsIndex(StoredDataColumn column) => column.IsIndexed && !StoredTypeNames.IsCollection(column.TypeName);

    private SqlText CreateDataIndex(int ordinal) =>
        new($"CREATE INDEX {Records}_{DataColumn(ordinal)} ON {Records} ({DataColumn(ordinal)});");

    /// <summary><c>r.rid, r.k, r.p.., [vv0.v, vv0.c ..]</c> for the columns of a model (each vector with its checksum).</summary>
    private static string SelectList(RecordColumns columns, bool includeVectors)
    {
        var sql = new StringBuilder($"{Alias}.rid, {Alias}.k");
        foreach (var ordinal in columns.DataOrdinals)
        {
            sql.Append(", ").Append(DataColumnOperand(ordinal));
        }

        if (includeVectors)
        {
            for (var i = 0; i < columns.VectorOrdinals.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", vv{i}.v, vv{i}.c");
            }
        }

        return sql.ToString();
    }

    /// <summary>The LEFT JOINs that bring in a model's vectors (empty when not included).</summary>
    private string VectorJoins(RecordColumns columns, bool includeVectors)
    {
        if (!includeVectors)
        {
            return string.Empty;
        }

        var sql = new StringBuilder();
        for (var i = 0; i < columns.VectorOrdinals.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" LEFT JOIN {VectorTable(columns.VectorOrdinals[i])} vv{i} ON vv{i}.rid = {Alias}.rid");
        }

        return sql.ToString();
    }

    /// <summary>A parameter list <c>$name0, $name1, ...</c> of <paramref name="count"/> entries.</summary>
    private static string ParameterList(string name, int count)
    {
        var sql = new StringBuilder(count * 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.Append(ListParameter(name, i));
        }

        return sql.ToString();
    }
}
