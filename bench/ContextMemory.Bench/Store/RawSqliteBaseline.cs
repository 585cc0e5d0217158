using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ContextMemory.Bench.Store;

/// <summary>
/// The floor under the store's ingest: the same rows written with nothing but Microsoft.Data.Sqlite, in the same
/// process and with the store's settings (8 KiB pages, WAL, synchronous FULL, 64 MiB cache, WAL checkpoints every 8,192
/// pages), one transaction per
/// batch, prepared commands with their parameters created once. Two statements per record: the record row (key, text,
/// indexed bucket) and the vector row (BLOB), as the store's schema has them; no comparison with an old vector, no
/// removal log, no index.
/// </summary>
public static class RawSqliteBaseline
{
    /// <summary>Writes every record of the data set; returns the elapsed and the CPU seconds.</summary>
    public static (double Seconds, double CpuSeconds) Run(string directory, StoreDataSet data, int batchSize)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "baseline.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192;");
        Execute(connection,
            "CREATE TABLE r (rid INTEGER PRIMARY KEY AUTOINCREMENT, k INTEGER NOT NULL UNIQUE, p0 TEXT, p1 INTEGER);" +
            "CREATE INDEX r_p1 ON r (p1);" +
            "CREATE TABLE v (vid INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL UNIQUE, v BLOB NOT NULL);");

        using var insertRecord = connection.CreateCommand();
        insertRecord.CommandText = "INSERT INTO r (k, p0, p1) VALUES ($k, $p0, $p1) RETURNING rid;";
        var key = insertRecord.Parameters.Add("$k", SqliteType.Integer);
        var text = insertRecord.Parameters.Add("$p0", SqliteType.Text);
        var bucket = insertRecord.Parameters.Add("$p1", SqliteType.Integer);
        using var insertVector = connection.CreateCommand();
        insertVector.CommandText = "INSERT INTO v (rid, v) VALUES ($rid, $v);";
        var rid = insertVector.Parameters.Add("$rid", SqliteType.Integer);
        var blob = insertVector.Parameters.Add("$v", SqliteType.Blob);

        var cpuStart = Support.Machine.CpuTime();
        var start = Stopwatch.GetTimestamp();
        for (var first = 0; first < data.Count; first += batchSize)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            insertRecord.Transaction = transaction;
            insertVector.Transaction = transaction;
            for (var i = first; i < Math.Min(data.Count, first + batchSize); i++)
            {
                var record = data.Records[i];
                key.Value = record.Id;
                text.Value = record.Text;
                bucket.Value = record.Bucket;
                rid.Value = (long)insertRecord.ExecuteScalar()!;
                blob.Value = MemoryMarshal.AsBytes(record.Embedding.Span).ToArray();
                insertVector.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = (Support.Machine.CpuTime() - cpuStart).TotalSeconds;
        connection.Close();
        SqliteConnection.ClearAllPools();
        return (seconds, cpuSeconds);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
