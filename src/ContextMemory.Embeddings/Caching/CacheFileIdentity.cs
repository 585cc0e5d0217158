using Microsoft.Data.Sqlite;

namespace ContextMemory.Embeddings.Caching;

/// <summary>What a file at the cache path is: ours, new (or emptied), another application's database, or damaged.</summary>
internal readonly record struct CacheFileIdentity(bool IsForeign, string? Damage)
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>Whether <paramref name="exception"/> says the file's bytes are not a sound database.</summary>
    public static bool IsDamage(SqliteException exception) =>
        exception.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase
        || exception.SqliteExtendedErrorCode is SqliteCorrupt or SqliteNotADatabase
        || (exception.SqliteExtendedErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase;

    public static CacheFileIdentity Read(SqliteConnection connection)
    {
        long applicationId, version, objects;
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = EmbeddingCacheSql.Identify;
            using var reader = command.ExecuteReader();
            applicationId = reader.Read() ? reader.GetInt64(0) : 0;
            version = reader.NextResult() && reader.Read() ? reader.GetInt64(0) : 0;
            objects = reader.NextResult() && reader.Read() ? reader.GetInt64(0) : 0;
        }
        catch (SqliteException exception) when (IsDamage(exception))
        {
            return new CacheFileIdentity(IsForeign: false, exception.Message);
        }

        if (applicationId != EmbeddingCacheSql.ApplicationId)
        {
            // A database with tables that is not marked as ours belongs to someone else; an empty one is new.
            return new CacheFileIdentity(IsForeign: objects > 0, Damage: null);
        }

        if (version != EmbeddingCacheSql.FormatVersion)
        {
            return new CacheFileIdentity(IsForeign: false, $"cache format {version}, expected {EmbeddingCacheSql.FormatVersion}");
        }

        return new CacheFileIdentity(IsForeign: false, QuickCheck(connection));
    }

    private static string? QuickCheck(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = EmbeddingCacheSql.QuickCheck;
            var result = command.ExecuteScalar() as string;
            return string.Equals(result, "ok", StringComparison.Ordinal) ? null : $"integrity check: {result}";
        }
        catch (SqliteException exception) when (IsDamage(exception))
        {
            return exception.Message;
        }
    }
}
