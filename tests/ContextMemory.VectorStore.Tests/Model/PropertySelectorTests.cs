using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Model;

/// <summary>
/// Which property an option selects: the vector a search uses (the only one, or the one chosen), the full-text property of
/// hybrid search, the property an ordering sorts by; <c>r["Name"]</c> with a constant or captured key on dynamic records.
/// A selector that is not a property access, or selects the wrong kind of property, throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class PropertySelectorTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_selector_chooses_among_several_vector_properties()
    {
        var collection = await TwoVectorsAsync();

        var byA = await collection.SearchAsync(new float[] { 1, 0 }, 1, new VectorSearchOptions<TwoVectors> { VectorProperty = r => r.A }).ToListAsync();
        var byB = await collection.SearchAsync(new float[] { 1, 0 }, 1, new VectorSearchOptions<TwoVectors> { VectorProperty = r => r.B }).ToListAsync();

        Assert.Equal("a-points-east", Assert.Single(byA).Record.Id);
        Assert.Equal("b-points-east", Assert.Single(byB).Record.Id);
    }

    [Fact]
    public async Task Several_vector_properties_without_a_choice_is_an_error()
    {
        var collection = await TwoVectorsAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await collection.SearchAsync(new float[] { 1, 0 }, 1).ToListAsync());
    }

    [Fact]
    public async Task A_data_property_cannot_be_chosen_as_the_vector()
    {
        var collection = await TwoVectorsAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await collection.SearchAsync(new float[] { 1, 0 }, 1, new VectorSearchOptions<TwoVectors> { VectorProperty = r => r.Name }).ToListAsync());
    }

    [Fact]
    public async Task A_vector_property_cannot_order_records()
    {
        var collection = await TwoVectorsAsync();
        var options = new FilteredRecordRetrievalOptions<TwoVectors> { OrderBy = o => o.Ascending(r => r.A) };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await collection.GetAsync(r => true, 5, options).ToListAsync());

        Assert.Equal(VectorStoreErrors.SortByVector("A"), ex.Message);
    }

    [Fact]
    public async Task A_computed_selector_is_an_error()
    {
        var collection = await TwoVectorsAsync();
        var options = new FilteredRecordRetrievalOptions<TwoVectors> { OrderBy = o => o.Ascending(r => r.Name + "x") };

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await collection.GetAsync(r => true, 5, options).ToListAsync());
    }

    [Fact]
    public async Task Dynamic_selectors_name_properties_with_constant_or_captured_keys()
    {
        var collection = _temp.Store.GetDynamicCollection("dynamic", ModelBuildingTests.DynamicDefinition());
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Dynamic("b", [1, 0, 0, 0]), Dynamic("a", [0, 1, 0, 0])]);
        var title = "Title";

        var byVector = await collection.SearchAsync(new float[] { 0, 1, 0, 0 }, 1, new() { VectorProperty = r => r["Embedding"] }).ToListAsync();
        var ordered = await collection.GetAsync(r => true, 5, new() { OrderBy = o => o.Ascending(r => r[title]) }).ToListAsync();

        Assert.Equal("a", Assert.Single(byVector).Record["Title"]);
        Assert.Equal(["a", "b"], ordered.Select(r => r["Title"]));
    }

    [Fact]
    public async Task A_chosen_full_text_property_must_be_full_text_indexed()
    {
        var collection = (IKeywordHybridSearchable<Note>)_temp.Store.GetCollection<Guid, Note>("notes");
        await ((VectorStoreCollection<Guid, Note>)collection).EnsureCollectionExistsAsync();

        var indexed = await collection.HybridSearchAsync(new float[] { 1, 0, 0 }, ["x"], 1, new() { AdditionalProperty = r => r.Text }).ToListAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await collection.HybridSearchAsync(new float[] { 1, 0, 0 }, ["x"], 1, new() { AdditionalProperty = r => r.Category }).ToListAsync());

        Assert.Empty(indexed);
    }

    private static Dictionary<string, object?> Dynamic(string title, float[] vector) =>
        new() { ["Id"] = Guid.NewGuid(), ["Title"] = title, ["Embedding"] = new ReadOnlyMemory<float>(vector) };

    private async Task<VectorStoreCollection<string, TwoVectors>> TwoVectorsAsync()
    {
        var collection = _temp.Store.GetCollection<string, TwoVectors>("two");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new TwoVectors { Id = "a-points-east", Name = "x", A = new float[] { 1, 0 }, B = new float[] { 0, 1 } },
            new TwoVectors { Id = "b-points-east", Name = "y", A = new float[] { 0, 1 }, B = new float[] { 1, 0 } },
        ]);
        return collection;
    }
}
