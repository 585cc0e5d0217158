using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ContextMemory.Embeddings.Caching;

/// <summary>
/// The SQLite file behind the persistent embedding cache: opens or creates it, recognises a damaged file and moves
/// it aside for a fresh one, and never lets a storage failure escape to the caller (a failed read is a miss, a failed
/// write is skipped), so embedding always works even when caching cannot.
/// </summary>
/// <remarks>
/// Thread-safe and multi-process safe: every operation takes its own pooled connection; the file is in WAL mode with
/// a busy timeout, so readers never block and writers from several processes queue instead of failing.
/// </remarks>
internal sealed class EmbeddingCacheStore
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly EmbeddingCacheStatistics _statistics;
    private readonly Lock _recovery = new();

    public EmbeddingCacheStore(string path, ILogger logger, EmbeddingCacheStatistics statistics)
    {
        Path = CachePath.Validate(path);
        _logger = logger;
        _statistics = statistics;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        Initialize();
    }

    public string Path { get; }

    /// <summary>The stored vectors of <paramref name="keys"/> that pass their checks; damaged rows are left out (and counted).</summary>
    public Dictionary<byte[], float[]> Lookup(IReadOnlyList<byte[]> keys, int dimensions)
    {
        var found = new Dictionary<byte[], float[]>(KeyComparer.Instance);
        try
        {
            using var connection = Open();
            foreach (var chunk in keys.Chunk(EmbeddingCacheSql.MaxKeysPerLookup))
            {
                ReadChunk(connection, chunk, dimensions, found);
            }
        }
        catch (SqliteException exception)
        {
            Fail(exception);
            found.Clear();
        }

        return found;
    }

    /// <summary>Stores the vectors in one transaction (replacing damaged rows); a failure is logged and skipped.</summary>
    public void Store(IReadOnlyList<(byte[] Key, float[] Vector)> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.CommandText = EmbeddingCacheSql.Upsert;
            var key = command.Parameters.Add("$key", SqliteType.Blob);
            var dimensions = command.Parameters.Add("$dimensions", SqliteType.Integer);
            var vector = command.Parameters.Add("$vector", SqliteType.Blob);
            var checksum = command.Parameters.Add("$checksum", SqliteType.Blob);
            command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            foreach (var entry in entries)
            {
                var bytes = CacheEntryCodec.Encode(entry.Vector);
                key.Value = entry.Key;
                dimensions.Value = entry.Vector.Length;
                vector.Value = bytes;
                checksum.Value = CacheEntryCodec.Checksum(entry.Key, bytes);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            Fail(exception);
        }
    }

    /// <summary>The number of stored vectors, or -1 when the file cannot be read.</summary>
    public long Count()
    {
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = EmbeddingCacheSql.Count;
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException exception)
        {
            Fail(exception);
            return -1;
        }
    }

    private void ReadChunk(SqliteConnection connection, byte[][] chunk, int dimensions, Dictionary<byte[], float[]> found)
    {
        using var command = connection.CreateCommand();
        command.CommandText = EmbeddingCacheSql.Lookup(chunk.Length);
        for (var i = 0; i < chunk.Length; i++)
        {
            command.Parameters.Add(EmbeddingCacheSql.KeyParameter(i), SqliteType.Blob).Value = chunk[i];
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (byte[])reader.GetValue(0);
            var vector = reader.IsDBNull(2) ? null : CacheEntryCodec.Decode(key, reader.GetInt64(1), Blob(reader, 2), Blob(reader, 3), dimensions);
            if (vector is null)
            {
                _statistics.CountInvalid();
                CacheLog.InvalidEntry(_logger, EmbeddingErrors.CacheEntryInvalid(Path));
                continue;
            }

            found[key] = vector;
        }
    }

    // A column that is not a blob (a damaged or hand-edited row) reads as empty and fails its checks.
    private static byte[] Blob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetValue(ordinal) is not byte[] bytes ? [] : bytes;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = EmbeddingCacheSql.BusyTimeout(BusyTimeout);
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Initialize()
    {
        try
        {
            if (TryPrepare() is { } damage)
            {
                Rebuild(damage);
            }
        }
        catch (SqliteException exception)
        {
            Fail(exception);
        }
    }

    // Null when the file is a usable cache (created if new or empty); otherwise why it is not.
    private string? TryPrepare()
    {
        using var connection = Open();
        var identity = CacheFileIdentity.Read(connection);
        if (identity.IsForeign)
        {
            throw new EmbeddingConfigurationException(EmbeddingErrors.CacheFileForeign(Path));
        }

        if (identity.Damage is { } damage)
        {
            return damage;
        }

        using var command = connection.CreateCommand();
        command.CommandText = EmbeddingCacheSql.Configure;
        command.ExecuteNonQuery();
        using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = EmbeddingCacheSql.CreateSchema;
        command.ExecuteNonQuery();
        transaction.Commit();
        return null;
    }

    private void Fail(SqliteException exception)
    {
        if (CacheFileIdentity.IsDamage(exception))
        {
            Rebuild(exception.Message);
            return;
        }

        _statistics.CountError();
        CacheLog.Unavailable(_logger, exception, EmbeddingErrors.CacheUnavailable(Path, exception.Message));
    }

    // Moves the damaged file (and its WAL) aside rather than deleting it: the path is the host's, so nothing is destroyed.
    private void Rebuild(string reason)
    {
        lock (_recovery)
        {
            using (var pooled = new SqliteConnection(_connectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            var movedTo = CachePath.MoveAside(Path);
            _statistics.CountRebuild();
            CacheLog.Rebuilt(_logger, EmbeddingErrors.CacheRebuilt(Path, movedTo, reason));
            try
            {
                if (TryPrepare() is { } damage)
                {
                    _statistics.CountError();
                    CacheLog.Unavailable(_logger, null, EmbeddingErrors.CacheUnavailable(Path, damage));
                }
            }
            catch (SqliteException exception)
            {
                _statistics.CountError();
                CacheLog.Unavailable(_logger, exception, EmbeddingErrors.CacheUnavailable(Path, exception.Message));
            }
        }
    }
}
