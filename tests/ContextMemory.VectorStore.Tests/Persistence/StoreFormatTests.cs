using System.Security.Cryptography;
using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// The database records its format version. A store written in format 1 (before each vector table had its (vid, rid)
/// index) or format 2 (before each stored vector had its checksum) is upgraded in place when opened; a format this
/// version does not know is refused without changing a byte.
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
        var vidIndexes = RawDatabase.Query(scenario.Temp.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_vid' ESCAPE '\\';");
        Assert.Single(vidIndexes);
        var vectorTable = Assert.Single(VectorTablesWithRows(scenario.Temp.DatabasePath));
        RawDatabase.Execute(scenario.Temp.DatabasePath,
            $"DROP INDEX {vidIndexes[0]}; ALTER TABLE {vectorTable} DROP COLUMN c; UPDATE cm_meta SET value = '1' WHERE key = 'format';");

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        await scenario.AssertMatchesTruthAsync(store);
        Assert.Equal(["3"], RawDatabase.Query(scenario.Temp.DatabasePath, "SELECT value FROM cm_meta WHERE key = 'format';"));
        Assert.Equal(vidIndexes, RawDatabase.Query(scenario.Temp.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_vid' ESCAPE '\\';"));
    }

    [Theory]
    [InlineData("Flat")]
    [InlineData("Hnsw")]
    public async Task A_format_2_store_gets_a_checksum_for_each_stored_vector_when_opened_and_damage_after_it_is_caught(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(200);
        scenario.Temp.Close();
        var vectorTable = Assert.Single(VectorTablesWithRows(scenario.Temp.DatabasePath));
        RawDatabase.Execute(scenario.Temp.DatabasePath, $"ALTER TABLE {vectorTable} DROP COLUMN c; UPDATE cm_meta SET value = '2' WHERE key = 'format';");
        Assert.DoesNotContain("c", RawDatabase.Query(scenario.Temp.DatabasePath, $"SELECT name FROM pragma_table_info('{vectorTable}');"));

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        await scenario.AssertMatchesTruthAsync(store);
        Assert.Equal(["3"], RawDatabase.Query(scenario.Temp.DatabasePath, "SELECT value FROM cm_meta WHERE key = 'format';"));
        Assert.Equal(["0"], RawDatabase.Query(scenario.Temp.DatabasePath, $"SELECT COUNT(*) FROM {vectorTable} WHERE c = 0;"));

        // The checksums written by the upgrade are the vectors' own: one byte changed afterwards is caught.
        var victim = scenario.Truth.Keys.ElementAt(7);
        store.Dispose();
        VectorDamage.FlipByte(scenario.Temp.DatabasePath, victim, byteIndex: 3);
        var reopened = scenario.Temp.Open(scenario.Temp.Directory);
        var error = await Assert.ThrowsAsync<VectorStoreException>(() =>
            scenario.Collection(reopened).GetAsync(victim, new RecordRetrievalOptions { IncludeVectors = true }));
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public async Task A_new_collection_has_a_vid_index_on_each_vector_table()
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Flat);
        await scenario.SeedAsync(10);

        var indexed = RawDatabase.Query(scenario.Temp.DatabasePath, "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_vid' ESCAPE '\\';");
        var vectorTables = RawDatabase.Query(scenario.Temp.DatabasePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c[0-9]*_v[0-9]*';");
        Assert.NotEmpty(vectorTables);
        Assert.Equal(vectorTables, indexed);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("two")]
    public async Task A_store_of_an_unknown_format_is_refused_and_left_unchanged(string format)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Flat);
        await scenario.SeedAsync(20);
        scenario.Temp.Close();
        RawDatabase.Execute(scenario.Temp.DatabasePath, "PRAGMA wal_checkpoint(TRUNCATE);");
        using (var connection = RawDatabase.Open(scenario.Temp.DatabasePath))
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

    private static List<string> VectorTablesWithRows(string path) =>
        [.. RawDatabase.Query(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c[0-9]*_v[0-9]*';")
            .Where(table => Convert.ToInt64(RawDatabase.Scalar(path, $"SELECT COUNT(*) FROM {table};"), System.Globalization.CultureInfo.InvariantCulture) > 0)];

    private static async Task<string> HashAsync(string path) => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
}
