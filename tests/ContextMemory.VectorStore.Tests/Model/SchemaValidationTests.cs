using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Model;

/// <summary>
/// The error contract of schemas (docs/vector-store.md, "Errors"): what the store cannot hold throws
/// <see cref="NotSupportedException"/>; a schema that contradicts itself or its record type throws
/// <see cref="InvalidOperationException"/>, as with every Microsoft.Extensions.VectorData connector. Either is thrown
/// when the collection object is created, before anything is written.
/// </summary>
public sealed class SchemaValidationTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_record_without_a_key_is_not_supported() =>
        AssertRefused<NotSupportedException, string, InvalidRecords.NoKey>("No key property");

    [Fact]
    public void Two_keys_are_not_supported() =>
        AssertRefused<NotSupportedException, string, InvalidRecords.TwoKeys>("Multiple key properties");

    [Fact]
    public void A_record_without_a_vector_is_not_supported() =>
        AssertRefused<NotSupportedException, string, InvalidRecords.NoVector>("No vector property");

    [Fact]
    public void A_property_with_two_mapping_attributes_is_invalid() =>
        AssertRefused<InvalidOperationException, string, InvalidRecords.TwoAttributes>("multiple of");

    [Fact]
    public void Two_properties_with_one_storage_name_are_invalid() =>
        AssertRefused<InvalidOperationException, string, InvalidRecords.SameStorageName>("storage name 'name'");

    [Fact]
    public void A_storage_name_clashing_with_another_property_is_invalid()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            {
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreDataProperty("Name", typeof(string)) { StorageName = "Id" },
                new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), 2),
            },
        };

        var ex = Assert.Throws<InvalidOperationException>(() => _temp.Store.GetDynamicCollection("refused", definition));
        Assert.Contains("storage name 'Id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_property_the_record_type_lacks_is_invalid_not_ignored()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreDataProperty("Missing", typeof(string)) } };

        var ex = Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<Guid, Note>("refused", definition));
        Assert.Equal(VectorStoreErrors.DefinitionPropertyNotOnType(typeof(Note), "Missing"), ex.Message);
    }

    [Fact]
    public void A_definition_type_that_differs_from_the_record_property_is_invalid()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreDataProperty("Category", typeof(int)) } };

        var ex = Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<Guid, Note>("refused", definition));
        Assert.Equal(VectorStoreErrors.DefinitionTypeMismatch("Category", typeof(int), typeof(string)), ex.Message);
    }

    [Fact]
    public void A_definition_kind_that_contradicts_the_attribute_is_invalid()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreKeyProperty("Category", typeof(string)) } };

        var ex = Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<Guid, Note>("refused", definition));
        Assert.Contains("Category", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_property_without_a_setter_is_invalid()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<string, InvalidRecords.GetterOnly>("refused"));

        Assert.Equal(VectorStoreErrors.PropertyNotReadableAndWritable(typeof(InvalidRecords.GetterOnly), "Name"), ex.Message);
    }

    [Fact]
    public void A_record_type_without_a_public_parameterless_constructor_is_not_supported()
    {
        AssertRefused<NotSupportedException, string, InvalidRecords.NoParameterlessConstructor>("parameterless constructor");
        AssertRefused<NotSupportedException, string, InvalidRecords.Abstract>("parameterless constructor");
    }

    [Fact]
    public void The_collection_key_type_must_match_the_key_property() =>
        AssertRefused<InvalidOperationException, string, Note>("generic key type");

    [Fact]
    public void An_unsupported_key_type_is_named_in_the_error()
    {
        var ex = Assert.Throws<NotSupportedException>(() => _temp.Store.GetCollection<double, InvalidRecords.DoubleKey>("refused"));

        Assert.Equal(VectorStoreErrors.UnsupportedKeyType("Id", typeof(double)), ex.Message);
    }

    [Fact]
    public void An_unsupported_data_type_is_named_in_the_error()
    {
        AssertRefused<NotSupportedException, string, InvalidRecords.DecimalData>("'Price'");
        AssertRefused<NotSupportedException, string, InvalidRecords.DecimalListData>("'Prices'");
    }

    [Fact]
    public void Auto_generation_of_a_key_type_the_store_cannot_generate_is_not_supported() =>
        AssertRefused<NotSupportedException, string, InvalidRecords.AutoGeneratedStringKey>("auto-generation");

    [Fact]
    public void A_text_vector_without_an_embedding_generator_is_invalid() =>
        AssertRefused<InvalidOperationException, string, TextVector>("Text");

    [Fact]
    public void A_generator_that_cannot_take_the_input_type_is_invalid()
    {
        var options = new FaissCollectionOptions { EmbeddingGenerator = new ScriptedEmbeddingGenerator<Point>(p => [p.X, p.Y, 0]) };

        var ex = Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<string, TextVector>("refused", options));
        Assert.Contains("Text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_embedding_type_other_than_float_is_invalid()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreVectorProperty("Text", typeof(string), 3) { EmbeddingType = typeof(Embedding<Half>) } },
        };
        var options = new FaissCollectionOptions { Definition = definition, EmbeddingGenerator = ScriptedEmbeddingGenerator.Text(3) };

        Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<string, TextVector>("refused", options));
    }

    [Fact]
    public void An_embedding_type_on_a_native_vector_property_is_invalid()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>), 3) { EmbeddingType = typeof(Embedding<float>) } },
        };

        Assert.Throws<InvalidOperationException>(() => _temp.Store.GetCollection<Guid, Note>("refused", definition));
    }

    [Fact]
    public async Task Asking_for_float_embeddings_explicitly_for_a_text_vector_is_accepted()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreVectorProperty("Text", typeof(string), 3) { EmbeddingType = typeof(Embedding<float>) } },
        };
        var options = new FaissCollectionOptions { Definition = definition, EmbeddingGenerator = ScriptedEmbeddingGenerator.Text(3) };
        var collection = _temp.Store.GetCollection<string, TextVector>("accepted", options);
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync(new TextVector { Id = "a", Text = "hello" });

        Assert.Equal("a", Assert.Single(await collection.SearchAsync("hello", 1).ToListAsync()).Record.Id);
    }

    [Fact]
    public void Every_dynamic_property_must_have_a_type()
    {
        var withoutDataType = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(Guid)), new VectorStoreDataProperty("Title"), new VectorStoreVectorProperty("V", typeof(float[]), 2) },
        };
        var withoutVectorType = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(Guid)), new VectorStoreVectorProperty("V", 2) },
        };

        Assert.Contains("Title", Assert.Throws<InvalidOperationException>(() => _temp.Store.GetDynamicCollection("refused", withoutDataType)).Message, StringComparison.Ordinal);
        Assert.Contains("'V'", Assert.Throws<InvalidOperationException>(() => _temp.Store.GetDynamicCollection("refused", withoutVectorType)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dynamic_collection_needs_a_definition()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FaissDynamicCollection(_temp.Store, "refused", new FaissCollectionOptions()));

        Assert.StartsWith(VectorStoreErrors.DynamicCollectionNeedsDefinition, ex.Message, StringComparison.Ordinal);
    }

    private void AssertRefused<TException, TKey, TRecord>(string messagePart)
        where TException : Exception
        where TKey : notnull
        where TRecord : class
    {
        var ex = Assert.Throws<TException>(() => _temp.Store.GetCollection<TKey, TRecord>("refused"));
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.Throws<TException>(() => new FaissCollection<TKey, TRecord>(_temp.Store, "refused", new FaissCollectionOptions()));
    }
}
