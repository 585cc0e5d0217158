using System.Security.Cryptography;
using ContextMemory.VectorStore.Tests.Conformance;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// The database records its format version. A store written in format 1 (before each vector table had its (vid, rid)
/// index) is upgraded in place when opened; a format this version does not know is refused without changing a byte.
/// </summary>
public sealed class StoreFormatTests
{
    [Theory]
    [InlineData("Flat")]
    [InlineData("Hnsw")]
    public async Task A_format_1_store_is_upgraded_when_opened_and_holds_every_record(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(300);
        await scenario.ChangeAsync(inserts: 40, replacements: 20, stride: 9);
        scenario.Temp.Close();
        var vidIndexes = Query(scenario.Temp.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_vid' ESCAPE '\\';");
        Assert.Single(vidIndexes);
        Execute(scenario.Temp.DatabasePath, $"DROP INDEX {vidIndexes[0]}; UPDATE cm_meta SET value = '1' WHERE key = 'format';");

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        await scenario.AssertMatchesTruthAsync(store);
        Assert.Equal(["2"], Query(scenario.Temp.DatabasePath, "SELECT value FROM cm_meta WHERE key = 'format';"));
        Assert.Equal(vidIndexes, Query(scenario.Temp.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_vid' ESCAPE '\\';"));
    }

    [Fact]
    public async Task A_new_collection_has_a_vid_index_on_each_vector_table()
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Flat);
        await scenario.SeedAsync(10);

        var indexed = Query(scenario.Temp.DatabasePath, "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_vid' ESCAPE '\\';");
        var vectorTables = Query(scenario.Temp.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c[0-9]*_v[0-9]*';");
        Assert.NotEmpty(vectorTables);
        Assert.Equal(vectorTables, indexed);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("two")]
    public async Task A_store_of_an_unknown_format_is_refused_and_left_unchanged(string format)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Flat);
        await scenario.SeedAsync(20);
        scenario.Temp.Close();
        Execute(scenario.Temp.DatabasePath, "PRAGMA wal_checkpoint(TRUNCATE);");
        using (var connection = OpenRaw(scenario.Temp.DatabasePath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE cm_meta SET value = $format WHERE key = 'format'; PRAGMA wal_checkpoint(TRUNCATE);";
            command.Parameters.AddWithValue("$format", format);
            command.ExecuteNonQuery();
        }

        var before = await HashAsync(scenario.Temp.DatabasePath);

        var error = Assert.Throws<VectorStoreException>(() => scenario.Temp.Open(scenario.Temp.Directory));

        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Contains($"format '{format}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(scenario.Temp.DatabasePath));
    }

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        values.Sort(StringComparer.Ordinal);
        return values;
    }

    private static async Task<string> HashAsync(string path) => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
}
