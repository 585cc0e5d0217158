using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;

namespace ContextMemory.VectorData.Tests;

/// <summary>
/// The generator used for a vector property is the most specific one set: property, definition, collection options, store options.
/// Each test proves the choice by generating with the model and checking which generator was called.
/// </summary>
public class EmbeddingGeneratorPrecedenceTests
{
    private readonly ScriptedEmbeddingGenerator<string> _property = Generators.Text(marker: 1);
    private readonly ScriptedEmbeddingGenerator<string> _definition = Generators.Text(marker: 2);
    private readonly ScriptedEmbeddingGenerator<string> _collection = Generators.Text(marker: 3);
    private readonly ScriptedEmbeddingGenerator<string> _store = Generators.Text(marker: 4);

    [Fact]
    public async Task Property_generator_wins_over_all_others()
    {
        var model = Build(propertyLevel: true, definitionLevel: true, collectionLevel: true);

        Assert.Equal(1f, await EmbedMarker(model));
        Assert.Single(_property.Calls);
        Assert.Empty(_definition.Calls);
        Assert.Empty(_collection.Calls);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task Definition_generator_wins_over_collection_and_store()
    {
        var model = Build(propertyLevel: false, definitionLevel: true, collectionLevel: true);

        Assert.Equal(2f, await EmbedMarker(model));
        Assert.Single(_definition.Calls);
        Assert.Empty(_collection.Calls);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task Collection_options_generator_wins_over_store()
    {
        var model = Build(propertyLevel: false, definitionLevel: false, collectionLevel: true);

        Assert.Equal(3f, await EmbedMarker(model));
        Assert.Single(_collection.Calls);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task Store_generator_is_the_fallback()
    {
        var model = Build(propertyLevel: false, definitionLevel: false, collectionLevel: false);

        Assert.Equal(4f, await EmbedMarker(model));
        Assert.Single(_store.Calls);
    }

    [Fact]
    public void The_same_precedence_holds_for_dynamic_collections()
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
        var options = new TestCollectionOptions { EmbeddingGenerator = _collection };

        var model = new CollectionModelBuilder(BuilderOptions.Strict).BuildDynamicForCollection(definition, options, _store);
        var withoutDefinitionGenerator = new CollectionModelBuilder(BuilderOptions.Strict)
            .BuildDynamicForCollection(new VectorStoreCollectionDefinition { Properties = definition.Properties }, options, _store);
        var storeOnly = new CollectionModelBuilder(BuilderOptions.Strict)
            .BuildDynamicForCollection(new VectorStoreCollectionDefinition { Properties = { definition.Properties[0], definition.Properties[2] } }, null, _store);

        Assert.Same(_property, model.PropertyMap["A"] is VectorPropertyModel a ? a.EmbeddingGenerator : null);
        Assert.Same(_definition, ((VectorPropertyModel)model.PropertyMap["B"]).EmbeddingGenerator);
        Assert.Same(_collection, ((VectorPropertyModel)withoutDefinitionGenerator.PropertyMap["B"]).EmbeddingGenerator);
        Assert.Same(_store, storeOnly.VectorProperty.EmbeddingGenerator);
    }

    [Fact]
    public void A_native_vector_property_keeps_the_generator_for_search_but_is_not_embedded()
    {
        var model = new CollectionModelBuilder(BuilderOptions.Strict).BuildForCollection(typeof(Note), typeof(Guid), null, _store);

        Assert.Same(_store, model.VectorProperty.EmbeddingGenerator);
        Assert.False(model.VectorProperty.RequiresEmbeddingGeneration);
    }

    private CollectionModel Build(bool propertyLevel, bool definitionLevel, bool collectionLevel)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            EmbeddingGenerator = definitionLevel ? _definition : null,
            Properties = { new VectorStoreVectorProperty("Text", 4) { EmbeddingGenerator = propertyLevel ? _property : null } },
        };
        var options = new TestCollectionOptions { Definition = definition, EmbeddingGenerator = collectionLevel ? _collection : null };

        return new CollectionModelBuilder(BuilderOptions.Strict).BuildForCollection(typeof(InvalidRecords.TextVector), typeof(string), options, _store);
    }

    private static async Task<float> EmbedMarker(CollectionModel model)
    {
        var embeddings = await model.VectorProperty.TryGenerateEmbeddingsAsync(["hello"]);
        return Assert.Single(embeddings!).Vector.Span[2];
    }
}
