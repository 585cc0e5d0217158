using System.Globalization;
using System.Text;

namespace ContextMemory.Embeddings.Caching;

/// <summary>All SQL text of the embedding cache. Values are always parameters; only counts reach the text.</summary>
internal static class EmbeddingCacheSql
{
    /// <summary>'CMEC' — marks the file as a ContextMemory embedding cache (PRAGMA application_id).</summary>
    public const int ApplicationId = 0x434D4543;

    public const int FormatVersion = 1;

    /// <summary>The most keys one lookup binds (SQLite allows 32,766 parameters).</summary>
    public const int MaxKeysPerLookup = 500;

    public const string Identify = "PRAGMA application_id; PRAGMA user_version; SELECT count(*) FROM sqlite_schema;";

    public const string QuickCheck = "PRAGMA quick_check(1);";

    public const string Configure = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    public static string BusyTimeout(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds};");

    public static readonly string CreateSchema =
        "CREATE TABLE IF NOT EXISTS embeddings (" +
        "key BLOB NOT NULL PRIMARY KEY, dimensions INTEGER NOT NULL, vector BLOB NOT NULL, checksum BLOB NOT NULL, created INTEGER NOT NULL" +
        ") WITHOUT ROWID; " +
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {FormatVersion};");

    public const string Upsert =
        "INSERT INTO embeddings (key, dimensions, vector, checksum, created) VALUES ($key, $dimensions, $vector, $checksum, $created) " +
        "ON CONFLICT (key) DO UPDATE SET dimensions = excluded.dimensions, vector = excluded.vector, checksum = excluded.checksum, created = excluded.created;";

    public const string Count = "SELECT count(*) FROM embeddings;";

    public static string KeyParameter(int index) => string.Create(CultureInfo.InvariantCulture, $"$k{index}");

    /// <summary>The lookup of <paramref name="count"/> keys bound as <see cref="KeyParameter"/>(0..count-1).</summary>
    public static string Lookup(int count)
    {
        var text = new StringBuilder("SELECT key, dimensions, vector, checksum FROM embeddings WHERE key IN (");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(KeyParameter(i));
        }

        return text.Append(");").ToString();
    }
}
