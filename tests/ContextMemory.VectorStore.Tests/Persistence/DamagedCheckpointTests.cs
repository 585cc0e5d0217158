using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// Index checkpoint files that are damaged or do not belong to the collection are detected when the collection is
/// opened, before FAISS reads them: the file is moved to <c>quarantine/</c>, a warning is logged, the index is rebuilt
/// from the database (so searches equal brute force), and the rebuilt index is checkpointed again.
/// </summary>
public sealed class DamagedCheckpointTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var damage in new[]
            {
                "empty", "truncated-to-half", "last-byte-cut", "first-byte-flipped", "middle-bit-flipped", "last-byte-flipped",
                "other-collection", "same-name-other-store", "arbitrary-bytes", "text-file",
            })
            {
                data.Add(damage, IndexKindCase.Flat.IndexKind);
                data.Add(damage, IndexKindCase.Hnsw.IndexKind);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_damaged_or_foreign_checkpoint_is_quarantined_logged_and_rebuilt(string damage, string indexKind)
    {
        using var scenario = await CheckpointedScenarioAsync(indexKind);
        var path = await StoreInternals.CheckpointPathAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        var replacement = await DamagedCopyAsync(scenario, path, damage);
        scenario.Temp.Close();
        await File.WriteAllBytesAsync(path, replacement);

        var store = scenario.Temp.Open(scenario.Temp.Directory);
        await scenario.AssertMatchesTruthAsync(store);

        var quarantined = Assert.Single(Directory.GetFiles(scenario.Temp.QuarantineDirectory));
        Assert.Equal(replacement, await File.ReadAllBytesAsync(quarantined));
        var warning = Assert.Single(scenario.Logs.Warnings);
        Assert.Contains(PersistenceScenario.CollectionName, warning.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(path), warning.Message, StringComparison.Ordinal);
        Assert.NotEqual(replacement, await File.ReadAllBytesAsync(path));

        // The rebuilt index was checkpointed at once: the next start uses it without complaint.
        store.Dispose();
        var again = scenario.Temp.Open(scenario.Temp.Directory);
        await scenario.AssertMatchesTruthAsync(again);
        Assert.Single(scenario.Logs.Warnings);
        Assert.Single(Directory.GetFiles(scenario.Temp.QuarantineDirectory));
    }

    [Theory]
    [MemberData(nameof(IndexKindCase.Names), MemberType = typeof(IndexKindCase))]
    public async Task A_missing_checkpoint_is_rebuilt_from_the_database_and_written_again(string indexKind)
    {
        using var scenario = await CheckpointedScenarioAsync(indexKind);
        var path = await StoreInternals.CheckpointPathAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        scenario.Temp.Close();
        File.Delete(path);

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        await scenario.AssertMatchesTruthAsync(store);
        Assert.True(File.Exists(path));
        Assert.Equal([scenario.Kind.Planned], await StoreInternals.IndexKindsAsync(store, PersistenceScenario.CollectionName));
    }

    [Fact]
    public async Task A_directory_at_the_checkpoint_path_is_quarantined_and_the_index_rebuilt()
    {
        using var scenario = await CheckpointedScenarioAsync(IndexKindCase.Flat.IndexKind);
        var path = await StoreInternals.CheckpointPathAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        scenario.Temp.Close();
        File.Delete(path);
        Directory.CreateDirectory(path);

        var store = scenario.Temp.Open(scenario.Temp.Directory);

        await scenario.AssertMatchesTruthAsync(store);
        Assert.Single(Directory.EnumerateFileSystemEntries(scenario.Temp.QuarantineDirectory));
        Assert.Single(scenario.Logs.Warnings);
    }

    [Theory]
    [InlineData("Flat")]
    [InlineData("Hnsw")]
    public async Task A_database_replaced_by_an_older_copy_is_detected_and_the_index_rebuilt(string indexKind)
    {
        using var scenario = await CheckpointedScenarioAsync(indexKind);
        var olderTruth = scenario.Truth.Clone();
        var older = await scenario.CrashImageAsync();
        await scenario.ChangeAsync(inserts: 40, replacements: 10, stride: 6);
        await ((FaissCollection<long, Conformance.Shapes.ConformanceRecord<long>>)scenario.Collection(scenario.Temp.Store)).CheckpointAsync();
        scenario.Temp.Close();

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var target = scenario.Temp.DatabasePath + suffix;
            File.Delete(target);
            if (File.Exists(Path.Combine(older, "store.db" + suffix)))
            {
                File.Copy(Path.Combine(older, "store.db" + suffix), target);
            }
        }

        scenario.Truth = olderTruth;
        var store = scenario.Temp.Open(scenario.Temp.Directory);

        await scenario.AssertMatchesTruthAsync(store);
        var warning = Assert.Single(scenario.Logs.Warnings);
        Assert.Contains("ahead", warning.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(scenario.Temp.QuarantineDirectory));
    }

    /// <summary>A collection of 300 records whose index was checkpointed, in the scenario's store.</summary>
    private static async Task<PersistenceScenario> CheckpointedScenarioAsync(string indexKind)
    {
        var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(300);
        await ((FaissCollection<long, Conformance.Shapes.ConformanceRecord<long>>)scenario.Collection(scenario.Temp.Store)).CheckpointAsync();
        Assert.Empty(scenario.Logs.Warnings);
        return scenario;
    }

    /// <summary>The bytes to put where the checkpoint at <paramref name="path"/> is.</summary>
    private static async Task<byte[]> DamagedCopyAsync(PersistenceScenario scenario, string path, string damage)
    {
        var original = await File.ReadAllBytesAsync(path);
        switch (damage)
        {
            case "empty":
                return [];
            case "truncated-to-half":
                return original[..(original.Length / 2)];
            case "last-byte-cut":
                return original[..^1];
            case "first-byte-flipped":
                return Flip(original, 0, 0xFF);
            case "middle-bit-flipped":
                return Flip(original, original.Length / 2, 0x10);
            case "last-byte-flipped":
                return Flip(original, original.Length - 1, 0x01);
            case "other-collection":
                {
                    // Same store, same schema, same size: only the identity in its header differs.
                    var other = scenario.Shape.Collection(scenario.Temp.Store, "other", scenario.Schema);
                    await other.EnsureCollectionExistsAsync();
                    await other.UpsertAsync(await scenario.Collection(scenario.Temp.Store).GetAsync(r => true, 1000, new() { IncludeVectors = true }).ToListAsync());
                    await ((FaissCollection<long, Conformance.Shapes.ConformanceRecord<long>>)other).CheckpointAsync();
                    return await File.ReadAllBytesAsync(await StoreInternals.CheckpointPathAsync(scenario.Temp.Store, "other"));
                }

            case "same-name-other-store":
                {
                    // Another store directory with a collection of the same name, schema and id: only its uid differs.
                    var otherStore = scenario.Temp.Open(scenario.Temp.NewDirectory());
                    var other = scenario.Collection(otherStore);
                    await other.EnsureCollectionExistsAsync();
                    await other.UpsertAsync(await scenario.Collection(scenario.Temp.Store).GetAsync(r => true, 1000, new() { IncludeVectors = true }).ToListAsync());
                    await ((FaissCollection<long, Conformance.Shapes.ConformanceRecord<long>>)other).CheckpointAsync();
                    var otherPath = await StoreInternals.CheckpointPathAsync(otherStore, PersistenceScenario.CollectionName);
                    Assert.Equal(Path.GetFileName(path), Path.GetFileName(otherPath));
                    return await File.ReadAllBytesAsync(otherPath);
                }

            case "arbitrary-bytes":
                var bytes = new byte[original.Length];
                new Random(17).NextBytes(bytes);
                return bytes;
            default:
                return "this is not an index"u8.ToArray();
        }
    }

    private static byte[] Flip(byte[] original, int position, byte mask)
    {
        var copy = original.ToArray();
        copy[position] ^= mask;
        return copy;
    }
}
