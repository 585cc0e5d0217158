using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// SQLite keeps no checksums, so the store writes one beside every vector. A stored vector damaged on disk (one flipped
/// byte, a changed checksum, a cut BLOB) is never indexed or returned as if it were the vector written: a rebuild or a
/// replay leaves it out and logs an error naming the record, a read that includes vectors fails with a clear error
/// naming it, the record's other data stays readable, and writing the record again repairs it.
/// </summary>
public sealed class VectorChecksumTests
{
    private const int Records = 300;

    [Theory]
    [InlineData("Flat")]
    [InlineData("Hnsw")]
    public async Task A_flipped_byte_in_a_stored_vector_is_left_out_of_the_rebuilt_index_and_named_when_read(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(Records);
        var victim = scenario.Truth.Keys.ElementAt(17);
        scenario.Temp.Close();
        VectorDamage.FlipByte(scenario.Temp.DatabasePath, victim, byteIndex: 5);
        DeleteCheckpoints(scenario);
        var mark = scenario.Logs.Entries.Count;

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        var collection = scenario.Collection(store);
        await AssertDamagedAsync(scenario, collection, victim);
        var report = Assert.Single(DamageReports(scenario, mark));
        Assert.Contains($"'{PersistenceScenario.CollectionName}': 1 stored vectors", report.Message, StringComparison.Ordinal);
        Assert.Contains($"records {victim}.", report.Message, StringComparison.Ordinal);
        await scenario.AssertSearchesMatchAsync(store, Without(scenario.Truth, victim), [scenario.Truth[victim]]);

        // Writing the record again (same vector) repairs the row: it is searchable and readable with its vector again.
        await collection.UpsertAsync(scenario.Shape.Create(victim, scenario.Truth[victim], twoVectors: false));
        var repaired = await collection.GetAsync(victim, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.Equal(scenario.Truth[victim].Embedding, repaired!.Embedding!.Value.ToArray());
        mark = scenario.Logs.Entries.Count;
        var reopened = scenario.Temp.Reopen();
        await scenario.AssertMatchesTruthAsync(reopened);
        Assert.DoesNotContain(scenario.Logs.Entries.Skip(mark), e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("Flat")]
    [InlineData("Hnsw")]
    public async Task A_damaged_row_written_after_the_last_checkpoint_is_left_out_by_the_replay_and_the_checkpoint_stays_valid(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(Records);
        await scenario.Temp.Store.CheckpointAsync();
        await scenario.InsertAsync(40);
        var victim = scenario.Truth.Keys.Last();
        var image = await scenario.CrashImageAsync();
        scenario.Temp.Close();
        VectorDamage.FlipByte(Path.Combine(image, "store.db"), victim, byteIndex: 0);
        var mark = scenario.Logs.Entries.Count;

        var store = scenario.Temp.Open(image);

        var collection = scenario.Collection(store);
        await AssertDamagedAsync(scenario, collection, victim);
        Assert.Contains($"records {victim}.", Assert.Single(DamageReports(scenario, mark)).Message, StringComparison.Ordinal);
        await scenario.AssertSearchesMatchAsync(store, Without(scenario.Truth, victim), [scenario.Truth[victim]]);
        await store.CheckpointAsync();
        store.Dispose();

        // The checkpoint knows the damaged row: the next open uses it (no quarantine) and reports the damage again.
        mark = scenario.Logs.Entries.Count;
        store = scenario.Temp.Open(image);
        await scenario.AssertSearchesMatchAsync(store, Without(scenario.Truth, victim), [scenario.Truth[victim]]);
        Assert.Contains($"records {victim}.", Assert.Single(DamageReports(scenario, mark)).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Logs.Entries.Skip(mark), e => e.Level == LogLevel.Warning);
        Assert.False(Directory.Exists(Path.Combine(image, "quarantine")) && Directory.EnumerateFileSystemEntries(Path.Combine(image, "quarantine")).Any());

        // Deleting the record ends the damage: the index and the database agree again, and nothing is reported.
        await scenario.Collection(store).DeleteAsync(victim);
        scenario.Truth.Delete(victim);
        store.Dispose();
        mark = scenario.Logs.Entries.Count;
        store = scenario.Temp.Open(image);
        await scenario.AssertMatchesTruthAsync(store);
        Assert.DoesNotContain(scenario.Logs.Entries.Skip(mark), e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("Flat")]
    [InlineData("Hnsw")]
    public async Task A_changed_checksum_and_a_cut_vector_are_damage_too_and_the_store_still_opens(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(Records);
        var changedChecksum = scenario.Truth.Keys.ElementAt(3);
        var cut = scenario.Truth.Keys.ElementAt(200);
        scenario.Temp.Close();
        VectorDamage.ChangeChecksum(scenario.Temp.DatabasePath, changedChecksum);
        VectorDamage.Truncate(scenario.Temp.DatabasePath, cut, bytes: 10);
        DeleteCheckpoints(scenario);
        var mark = scenario.Logs.Entries.Count;

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        var collection = scenario.Collection(store);
        await AssertDamagedAsync(scenario, collection, changedChecksum);
        var report = Assert.Single(DamageReports(scenario, mark));
        Assert.Contains("2 stored vectors", report.Message, StringComparison.Ordinal);
        Assert.Contains($"records {changedChecksum}, {cut}.", report.Message, StringComparison.Ordinal);
        await AssertDamagedAsync(scenario, collection, cut);
        var intact = Without(Without(scenario.Truth, changedChecksum), cut);
        await scenario.AssertSearchesMatchAsync(store, intact, [scenario.Truth[changedChecksum], scenario.Truth[cut]]);
        var all = await collection.GetAsync(r => true, int.MaxValue).ToListAsync();
        Assert.Equal(Records, all.Count);
    }

    [Theory]
    [InlineData("it's'; DROP TABLE c1_records; --", "'it's'; DROP TABLE c1_records; --'")]
    [InlineData("line\nbreak\0nul", "'line\\u000abreak\\u0000nul'")]
    [InlineData(42L, "42")]
    public void A_damaged_record_is_named_by_its_key_with_control_characters_escaped(object key, string shown) =>
        Assert.Contains($"of record {shown} is damaged", VectorStoreErrors.DamagedVector("c", "Embedding", key), StringComparison.Ordinal);

    [Fact]
    public void A_huge_key_is_cut_in_the_message_and_a_long_list_says_how_many_more()
    {
        var message = VectorStoreErrors.DamagedVector("c", "Embedding", new string('k', 100_000));
        Assert.Contains($"'{new string('k', 64)}'...", message, StringComparison.Ordinal);
        Assert.True(message.Length < 600, message);
        Assert.Equal("records 1, 'b' and 98 more", VectorStoreErrors.RecordKeyList([1L, "b"], total: 100));
    }

    /// <summary>
    /// The record's data reads as written; reading its vector, alone or in a batch, is a storage error naming the
    /// collection, the record and the property; a search for its own vector never returns it.
    /// </summary>
    private static async Task AssertDamagedAsync(PersistenceScenario scenario, VectorStoreCollection<long, ConformanceRecord<long>> collection, long victim)
    {
        var plain = await collection.GetAsync(victim);
        Assert.NotNull(plain);
        Assert.Equal(scenario.Truth[victim].Text, plain.Text);

        var single = await Assert.ThrowsAsync<VectorStoreException>(() => collection.GetAsync(victim, new RecordRetrievalOptions { IncludeVectors = true }));
        Assert.IsType<InvalidDataException>(single.InnerException);
        Assert.Equal(PersistenceScenario.CollectionName, single.CollectionName);
        Assert.Contains($"the stored vector 'Embedding' of record {victim} is damaged", single.Message, StringComparison.Ordinal);

        var batch = await Assert.ThrowsAsync<VectorStoreException>(async () =>
            await collection.GetAsync(r => true, int.MaxValue, new FilteredRecordRetrievalOptions<ConformanceRecord<long>> { IncludeVectors = true }).ToListAsync());
        Assert.IsType<InvalidDataException>(batch.InnerException);

        var hits = await collection.SearchAsync(scenario.Truth[victim].Embedding, 10).ToListAsync();
        Assert.DoesNotContain(hits, h => h.Record.Key == victim);
    }

    private static List<LogEntry> DamageReports(PersistenceScenario scenario, int since) =>
        [.. scenario.Logs.Entries.Skip(since).Where(e => e.Level == LogLevel.Error && e.Message.Contains("are damaged", StringComparison.Ordinal))];

    private static TruthTable<long> Without(TruthTable<long> truth, long key)
    {
        var copy = truth.Clone();
        copy.Delete(key);
        return copy;
    }

    private static void DeleteCheckpoints(PersistenceScenario scenario)
    {
        foreach (var file in Directory.EnumerateFiles(scenario.Temp.IndexDirectory))
        {
            File.Delete(file);
        }
    }
}
