using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Model;

/// <summary>
/// The generator that embeds a vector property is the most specific one set: the property's (in the definition), the
/// definition's, the collection options', the store options'. Each test upserts and searches through the store and checks
/// which generator was called.
/// </summary>
public sealed class EmbeddingGeneratorPrecedenceTests : IDisposable
{
    private readonly ScriptedEmbeddingGenerator<string> _property = ScriptedEmbeddingGenerator.Marked(1);
    private readonly ScriptedEmbeddingGenerator<string> _definition = ScriptedEmbeddingGenerator.Marked(2);
    private readonly ScriptedEmbeddingGenerator<string> _collection = ScriptedEmbeddingGenerator.Marked(3);
    private readonly ScriptedEmbeddingGenerator<string> _store = ScriptedEmbeddingGenerator.Marked(4);
    private readonly TempStore _temp;

    public EmbeddingGeneratorPrecedenceTests() => _temp = new TempStore(TestOptions.Store(embeddingGenerator: _store));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_property_generator_wins_over_all_others()
    {
        await UpsertAndSearchAsync(propertyLevel: true, definitionLevel: true, collectionLevel: true);

        Assert.Equal(2, _property.Calls.Count);
        Assert.Empty(_definition.Calls);
        Assert.Empty(_collection.Calls);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task The_definition_generator_wins_over_the_collection_and_the_store()
    {
        await UpsertAndSearchAsync(propertyLevel: false, definitionLevel: true, collectionLevel: true);

        Assert.Equal(2, _definition.Calls.Count);
        Assert.Empty(_collection.Calls);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task The_collection_options_generator_wins_over_the_store()
    {
        await UpsertAndSearchAsync(propertyLevel: false, definitionLevel: false, collectionLevel: true);

        Assert.Equal(2, _collection.Calls.Count);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task The_store_generator_is_the_fallback()
    {
        await UpsertAndSearchAsync(propertyLevel: false, definitionLevel: false, collectionLevel: false);

        Assert.Equal(2, _store.Calls.Count);
    }

    [Fact]
    public async Task The_same_precedence_holds_for_dynamic_collections()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            EmbeddingGenerator = _definition,
            Properties =
            {
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreVectorProperty("A", typeof(string), 3) { EmbeddingGenerator = _property },
                new VectorStoreVectorProperty("B", typeof(string), 3),
            },
        };
        var withDefinitionGenerator = _temp.Store.GetDynamicCollection("dynamic", definition);
        await withDefinitionGenerator.EnsureCollectionExistsAsync();
        await withDefinitionGenerator.UpsertAsync(new Dictionary<string, object?> { ["Id"] = "1", ["A"] = "a", ["B"] = "b" });

        Assert.Equal(["a"], Assert.Single(_property.Calls));
        Assert.Equal(["b"], Assert.Single(_definition.Calls));

        var collectionOnly = new VectorStoreCollectionDefinition { Properties = { definition.Properties[0], definition.Properties[2] } };
        var withCollectionGenerator = new FaissDynamicCollection(_temp.Store, "dynamic-2", new FaissCollectionOptions { Definition = collectionOnly, EmbeddingGenerator = _collection });
        var storeOnly = _temp.Store.GetDynamicCollection("dynamic-3", collectionOnly);
        foreach (var collection in new[] { withCollectionGenerator, storeOnly })
        {
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(new Dictionary<string, object?> { ["Id"] = "1", ["B"] = "b" });
        }

        Assert.Single(_collection.Calls);
        Assert.Single(_store.Calls);
    }

    [Fact]
    public async Task A_stored_vector_property_uses_the_generator_for_search_values_only()
    {
        var collection = _temp.Store.GetCollection<Guid, Note>("notes");
        await collection.EnsureCollectionExistsAsync();
        var note = new Note { Category = "a", Embedding = new float[] { 5, 'q', 4 } };
        await collection.UpsertAsync(note);

        var hit = Assert.Single(await collection.SearchAsync("query", 1).ToListAsync());

        Assert.Equal(["query"], Assert.Single(_store.Calls));
        Assert.Equal(note.Id, hit.Record.Id);
        Assert.Equal(0, hit.Score!.Value, 1e-5);
    }

    private async Task UpsertAndSearchAsync(bool propertyLevel, bool definitionLevel, bool collectionLevel)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            EmbeddingGenerator = definitionLevel ? _definition : null,
            Properties = { new VectorStoreVectorProperty("Text", typeof(string), 3) { EmbeddingGenerator = propertyLevel ? _property : null } },
        };
        var options = new FaissCollectionOptions { Definition = definition, EmbeddingGenerator = collectionLevel ? _collection : null };
        var collection = _temp.Store.GetCollection<string, TextVector>("texts", options);
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync([new TextVector { Id = "1", Text = "hello" }, new TextVector { Id = "2", Text = "world" }]);
        await collection.SearchAsync("hello", 1).ToListAsync();
    }
}
