using System.Buffers.Binary;
using ContextMemory.Tests.Shared;
using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// Checkpoints written in the bridge's previous container format (version 1: no search defaults in the header,
/// the binding's "CMSP" envelope in front of the store header) are read through the upgrade the binding does:
/// the store finds its own header, uses the checkpoint without quarantining or rebuilding it, loses no record,
/// and the next checkpoint is written in the current format.
/// </summary>
public sealed class OldCheckpointFormatTests
{
    public static TheoryData<string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var kind in IndexKindCase.All)
            {
                data.Add(kind.IndexKind, true);
            }

            // Without the envelope (the store header is all the user data) the file is still the store's own.
            data.Add(IndexKindCase.Flat.IndexKind, false);
            data.Add(IndexKindCase.Hnsw.IndexKind, false);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_format_1_checkpoint_is_used_as_it_is_and_replaced_by_a_format_2_one_at_the_next_checkpoint(string indexKind, bool withEnvelope)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(300);
        await Checkpoint(scenario);
        var before = await scenario.SearchFingerprintAsync(scenario.Temp.Store);
        var path = await StoreInternals.CheckpointPathAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        scenario.Temp.Close();
        var legacy = LegacyContainer.Downgrade(await File.ReadAllBytesAsync(path), withEnvelope);
        await File.WriteAllBytesAsync(path, legacy);

        // Loaded, not rebuilt: no warning, nothing quarantined, the file untouched, and the same search results
        // (so the saved search defaults came back too).
        var store = scenario.Temp.Reopen();
        Assert.Equal(before, await scenario.SearchFingerprintAsync(store));
        await scenario.AssertMatchesTruthAsync(store);
        Assert.Empty(scenario.Logs.Warnings);
        Assert.False(Directory.Exists(scenario.Temp.QuarantineDirectory) && Directory.EnumerateFileSystemEntries(scenario.Temp.QuarantineDirectory).Any());
        Assert.Equal(legacy, await File.ReadAllBytesAsync(path));

        await scenario.ChangeAsync(inserts: 30, replacements: 15, stride: 8);
        await Checkpoint(scenario);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian((await File.ReadAllBytesAsync(path)).AsSpan(8)));
        var changed = await scenario.SearchFingerprintAsync(scenario.Temp.Store);

        var reopened = scenario.Temp.Reopen();
        Assert.Equal(changed, await scenario.SearchFingerprintAsync(reopened));
        await scenario.AssertMatchesTruthAsync(reopened);
        Assert.Empty(scenario.Logs.Warnings);
    }

    private static Task Checkpoint(PersistenceScenario scenario) =>
        ((FaissCollection<long, Conformance.Shapes.ConformanceRecord<long>>)scenario.Collection(scenario.Temp.Store)).CheckpointAsync();
}
