using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;

namespace ContextMemory.VectorStore.Tests.Persistence;

/// <summary>
/// Indexes that change kind as they grow (IVF and SQ8 trained, Dynamic switched to HNSW) keep that kind across a
/// restart, at once, without a rebuild or a retraining loop.
/// </summary>
public sealed class PlannedKindTests
{
    public static TheoryData<string> GrowingKinds => [IndexKindCase.IvfFlat.IndexKind, IndexKindCase.QuantizedFlat.IndexKind, IndexKindCase.Dynamic.IndexKind];

    [Theory]
    [MemberData(nameof(GrowingKinds))]
    public async Task A_trained_or_switched_index_keeps_its_kind_after_reopen(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(150);
        Assert.Equal([Faiss.FaissIndexKind.Flat], await StoreInternals.IndexKindsAsync(scenario.Temp.Store, PersistenceScenario.CollectionName));
        await scenario.InsertAsync(150);
        var before = await StoreInternals.IndexAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        await StoreInternals.WaitForMaintenanceAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        var (kind, description, trainedAt) = (before.Spec.Kind, before.Spec.FactoryDescription, before.TrainedAt);
        Assert.Equal(scenario.Kind.Planned, kind);

        var reopened = scenario.Temp.Reopen();

        var after = await StoreInternals.IndexAsync(reopened, PersistenceScenario.CollectionName);
        Assert.Equal(kind, after.Spec.Kind);
        Assert.Equal(description, after.Spec.FactoryDescription);
        Assert.Equal(trainedAt, after.TrainedAt);
        Assert.False(after.NeedsRebuild());
        await scenario.AssertMatchesTruthAsync(reopened);
    }

    [Theory]
    [MemberData(nameof(GrowingKinds))]
    public async Task A_trained_or_switched_index_keeps_its_kind_after_a_crash(string indexKind)
    {
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        await scenario.SeedAsync(300);
        await StoreInternals.WaitForMaintenanceAsync(scenario.Temp.Store, PersistenceScenario.CollectionName);
        await scenario.InsertAsync(20);

        var restarted = scenario.Temp.Open(await scenario.CrashImageAsync());

        var index = await StoreInternals.IndexAsync(restarted, PersistenceScenario.CollectionName);
        Assert.Equal(scenario.Kind.Planned, index.Spec.Kind);
        Assert.False(index.NeedsRebuild());
        await scenario.AssertMatchesTruthAsync(restarted);
    }

    [Theory]
    [MemberData(nameof(GrowingKinds))]
    public async Task An_index_loaded_short_of_its_planned_kind_reaches_it_without_waiting_for_a_write(string indexKind)
    {
        // A checkpoint written before the index switched or trained (a store disposed or killed while the background
        // rebuild ran leaves one; so does a lower threshold at the next start).
        using var scenario = new PersistenceScenario(IndexKindCase.Of(indexKind));
        var patient = TestOptions.Store(TestOptions.Index(threshold: 10_000), scenario.Logs);
        var store = scenario.Temp.Reopen(patient);
        await scenario.SeedAsync(300);
        Assert.Equal([Faiss.FaissIndexKind.Flat], await StoreInternals.IndexKindsAsync(store, PersistenceScenario.CollectionName));
        await ((FaissCollection<long, Conformance.Shapes.ConformanceRecord<long>>)scenario.Collection(store)).CheckpointAsync();

        var reopened = scenario.Temp.Reopen(TestOptions.Store(loggerFactory: scenario.Logs));
        await scenario.AssertMatchesTruthAsync(reopened);

        Assert.Equal([scenario.Kind.Planned], await StoreInternals.IndexKindsAsync(reopened, PersistenceScenario.CollectionName));
        await scenario.AssertMatchesTruthAsync(reopened);
    }
}
