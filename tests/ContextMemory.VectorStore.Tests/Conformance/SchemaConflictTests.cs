using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// A collection object whose schema conflicts with the stored collection of the same name (vector dimensions,
/// distance function, index kind, key type) is refused with <see cref="InvalidOperationException"/> by every
/// operation, not only by EnsureCollectionExistsAsync, and writes nothing: the stored collection keeps working.
/// </summary>
public sealed class SchemaConflictTests : IDisposable
{
    private static readonly IReadOnlyList<Sample> Samples = Sample.Generate(60, Schema.DefaultDimensions, seed: 51);
    private readonly TempStore _temp = new();
    private readonly TypedShape<long> _shape = new();

    public static TheoryData<string> Conflicts => ["dimensions", "distance-function", "index-kind"];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Conflicts))]
    public async Task A_conflicting_vector_definition_is_refused_by_every_operation_and_writes_nothing(string conflict)
    {
        var stored = await StoredAsync();
        var schema = conflict switch
        {
            "dimensions" => new Schema(typeof(long), IndexKind.Flat, Dimensions: 8),
            "distance-function" => new Schema(typeof(long), IndexKind.Flat, DistanceFunction.EuclideanDistance),
            _ => new Schema(typeof(long), IndexKind.Hnsw),
        };
        var conflicting = _shape.Collection(_temp.Store, "stored", schema);
        var vector = new float[schema.Dimensions];
        vector[0] = 1;
        var record = _shape.WithEmbedding(999, Samples[0], vector);

        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.UpsertAsync(record));
        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.EnsureCollectionExistsAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.GetAsync(1));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await conflicting.SearchAsync(vector, 3).ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.DeleteAsync(_shape.Key(0)));

        await AssertIntactAsync(stored);
        await AssertIntactAsync(_shape.Collection(_temp.Reopen(), "stored", new Schema(typeof(long), IndexKind.Flat)));
    }

    [Fact]
    public async Task A_conflicting_key_type_is_refused_by_every_operation()
    {
        var stored = await StoredAsync();
        var strings = new TypedShape<string>();
        var conflicting = strings.Collection(_temp.Store, "stored", new Schema(typeof(string), IndexKind.Flat));

        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.GetAsync("1"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await conflicting.GetAsync(r => true, 5).ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.UpsertAsync(strings.Create("x", Samples[1], twoVectors: false)));

        await AssertIntactAsync(stored);
    }

    private async Task<VectorStoreCollection<long, ConformanceRecord<long>>> StoredAsync()
    {
        var stored = _shape.Collection(_temp.Store, "stored", new Schema(typeof(long), IndexKind.Flat));
        await stored.EnsureCollectionExistsAsync();
        await stored.UpsertAsync([.. Samples.Select(s => _shape.Create(_shape.Key(s.Ordinal), s, twoVectors: false))]);
        return stored;
    }

    private async Task AssertIntactAsync(VectorStoreCollection<long, ConformanceRecord<long>> stored)
    {
        Assert.Equal(Samples.Count, (await stored.GetAsync(r => true, 1000).ToListAsync()).Count);
        Assert.Null(await stored.GetAsync(999));
        var nearest = await stored.SearchAsync(Samples[9].Embedding, 1).ToListAsync();
        Assert.Equal(_shape.Key(9), Assert.Single(nearest).Record.Key);
    }
}
