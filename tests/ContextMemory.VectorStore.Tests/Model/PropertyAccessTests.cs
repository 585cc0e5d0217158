using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Model;

/// <summary>How records are read from and written to: initialisers never survive a stored NULL, init-only properties are
/// populated, dynamic values are checked against the definition's types, and each vector type comes back as itself.</summary>
public sealed class PropertyAccessTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_stored_null_reads_back_as_null_over_the_initialiser()
    {
        var collection = _temp.Store.GetCollection<Guid, Note>("notes");
        await collection.EnsureCollectionExistsAsync();
        var note = new Note { Priority = null, Embedding = new float[] { 1, 0, 0 } };

        await collection.UpsertAsync(note);

        Assert.Equal(5, new Note().Priority);
        Assert.Null((await collection.GetAsync(note.Id))!.Priority);
    }

    [Fact]
    public async Task Init_only_properties_of_a_record_are_populated()
    {
        var collection = _temp.Store.GetCollection<long, InitOnlyNote>("records");
        await collection.EnsureCollectionExistsAsync();
        var record = new InitOnlyNote { Id = 42, Title = "hello", Count = 3, Vector = [0.5f, 1.5f] };

        await collection.UpsertAsync(record);
        var read = await collection.GetAsync(42, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Equal(record with { Vector = read!.Vector }, read);
        Assert.Equal([0.5f, 1.5f], read.Vector!);
    }

    [Fact]
    public async Task Each_vector_type_comes_back_as_itself()
    {
        var collection = _temp.Store.GetCollection<int, VectorForms>("forms");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new VectorForms { Id = 1, Array = [1, 2], Memory = new float[] { 3, 4 }, Embedding = new Embedding<float>(new float[] { 5, 6 }) });

        var read = (await collection.GetAsync(1, new RecordRetrievalOptions { IncludeVectors = true }))!;

        Assert.Equal([1f, 2f], read.Array!);
        Assert.Equal([3f, 4f], read.Memory!.Value.ToArray());
        Assert.Equal([5f, 6f], read.Embedding!.Vector.ToArray());
        Assert.Null((await collection.GetAsync(1))!.Array);
    }

    [Fact]
    public async Task A_dynamic_value_of_the_wrong_type_names_the_property_and_both_types()
    {
        var collection = _temp.Store.GetDynamicCollection("dynamic", ModelBuildingTests.DynamicDefinition());
        await collection.EnsureCollectionExistsAsync();

        var ex = await Assert.ThrowsAsync<InvalidCastException>(() => collection.UpsertAsync(
            new Dictionary<string, object?> { ["Id"] = Guid.NewGuid(), ["Title"] = 12, ["Embedding"] = new ReadOnlyMemory<float>([1, 0, 0, 0]) }));

        Assert.Equal(VectorStoreErrors.ValueTypeMismatch("Title", typeof(int), typeof(string)), ex.Message);
        Assert.Empty(await collection.GetAsync(r => true, 10).ToListAsync());
    }

    [Fact]
    public async Task A_dynamic_value_of_a_type_assignable_to_the_definition_type_is_accepted()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            {
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreDataProperty("Tags", typeof(IReadOnlyList<string>)),
                new VectorStoreVectorProperty("Embedding", typeof(float[]), 2),
            },
        };
        var collection = _temp.Store.GetDynamicCollection("assignable", definition);
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync(new Dictionary<string, object?> { ["Id"] = "a", ["Tags"] = new List<string> { "x" }, ["Embedding"] = new float[] { 1, 0 } });

        Assert.Equal(["x"], (IEnumerable<string>)(await collection.GetAsync("a"))!["Tags"]!);
    }
}
