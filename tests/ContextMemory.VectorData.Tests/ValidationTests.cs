using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.Tests;

public class ValidationTests
{
    private const string StrictDataTypes = "string, int, long, double, bool, DateTimeOffset, and arrays or lists of string";

    private static string Where(string typeName) => $"type '{typeName}' or the collection definition";

    [Fact]
    public void A_record_without_a_key_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<string, InvalidRecords.NoKey>());
        Assert.Equal(VectorDataStrings.NoKeyProperty(Where("NoKey")), ex.Message);
    }

    [Fact]
    public void A_dynamic_definition_without_a_key_is_rejected()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreDataProperty("Name", typeof(string)) } };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.BuildDynamic(definition));
        Assert.Equal(VectorDataStrings.NoKeyProperty("the collection definition"), ex.Message);
    }

    [Fact]
    public void Two_keys_are_not_supported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.TwoKeys>());
        Assert.Equal(VectorDataStrings.MultipleKeyProperties(Where("TwoKeys"), "A, B"), ex.Message);
    }

    [Fact]
    public void A_property_with_two_mapping_attributes_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<string, InvalidRecords.TwoAttributes>());
        Assert.Equal(VectorDataStrings.MultipleMappingAttributes(typeof(InvalidRecords.TwoAttributes), "Id"), ex.Message);
    }

    [Fact]
    public void Duplicate_names_in_a_definition_are_rejected()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(string)), new VectorStoreDataProperty("Id", typeof(string)) },
        };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.BuildDynamic(definition));
        Assert.Equal(VectorDataStrings.DuplicatePropertyName("Id"), ex.Message);
    }

    [Fact]
    public void Duplicate_storage_names_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<string, InvalidRecords.SameStorageName>());
        Assert.Equal(VectorDataStrings.DuplicateStorageName("name", "First", "Second"), ex.Message);
    }

    [Fact]
    public void A_storage_name_clashing_with_another_property_name_is_rejected()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(string)), new VectorStoreDataProperty("Name", typeof(string)) { StorageName = "Id" } },
        };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.BuildDynamic(definition));
        Assert.Equal(VectorDataStrings.DuplicateStorageName("Id", "Id", "Name"), ex.Message);
    }

    [Fact]
    public void A_definition_property_missing_from_the_record_type_is_rejected()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreDataProperty("Missing", typeof(string)) } };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<Guid, Note>(definition));
        Assert.Equal(VectorDataStrings.DefinitionPropertyNotOnType(typeof(Note), "Missing"), ex.Message);
    }

    [Fact]
    public void A_definition_type_that_differs_from_the_record_property_is_rejected()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreDataProperty("Category", typeof(int)) } };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<Guid, Note>(definition));
        Assert.Equal(VectorDataStrings.DefinitionTypeMismatch("Category", typeof(int), typeof(string)), ex.Message);
    }

    [Fact]
    public void A_definition_kind_that_contradicts_the_attribute_is_rejected()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreKeyProperty("Category") } };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<Guid, Note>(definition));
        Assert.Equal(VectorDataStrings.DefinitionKindConflict(typeof(Note), "Category", "key"), ex.Message);
    }

    [Fact]
    public void A_mapped_property_without_a_setter_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<string, InvalidRecords.GetterOnly>());
        Assert.Equal(VectorDataStrings.PropertyNotReadableAndWritable(typeof(InvalidRecords.GetterOnly), "Name"), ex.Message);
    }

    [Fact]
    public void A_record_type_without_a_parameterless_constructor_is_not_supported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.NoParameterlessConstructor>());
        Assert.Equal(VectorDataStrings.NoParameterlessConstructor(typeof(InvalidRecords.NoParameterlessConstructor)), ex.Message);
    }

    [Fact]
    public void An_abstract_record_type_is_not_supported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.Abstract>());
        Assert.Equal(VectorDataStrings.NoParameterlessConstructor(typeof(InvalidRecords.Abstract)), ex.Message);
    }

    [Fact]
    public void The_collection_key_type_must_match_the_key_property()
    {
        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<string, Note>());
        Assert.Equal(VectorDataStrings.KeyTypeMismatch(typeof(string), "Id", typeof(Guid)), ex.Message);
    }

    [Fact]
    public void An_unsupported_key_type_is_named_in_the_error()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<int, InvalidRecords.IntKey>());
        Assert.Equal(VectorDataStrings.UnsupportedKeyType("Id", typeof(int), "Guid, string, long"), ex.Message);
        Assert.Contains("'int'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_data_type_is_named_in_the_error()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.DecimalData>());
        Assert.Equal(
            VectorDataStrings.UnsupportedDataType("Price", typeof(decimal), StrictDataTypes),
            ex.Message);
    }

    [Fact]
    public void An_enumerable_of_an_unsupported_element_type_is_rejected()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.IntListData>());
        Assert.Equal(VectorDataStrings.UnsupportedDataType("Numbers", typeof(List<int>), StrictDataTypes), ex.Message);
        Assert.Contains("'List<int>'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(string[]))]
    [InlineData(typeof(List<string>))]
    [InlineData(typeof(IList<string>))]
    [InlineData(typeof(IReadOnlyList<string>))]
    [InlineData(typeof(ICollection<string>))]
    [InlineData(typeof(IReadOnlyCollection<string>))]
    [InlineData(typeof(IEnumerable<string>))]
    [InlineData(typeof(int?))]
    public void Tag_enumerables_and_nullable_scalars_of_supported_types_are_accepted(Type type)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(string)), new VectorStoreDataProperty("Tags", type) },
        };

        var model = BuilderOptions.BuildDynamic(definition);

        Assert.Equal(type, model.PropertyMap["Tags"].Type);
    }

    [Fact]
    public void Enumerables_are_rejected_when_the_provider_lists_no_element_types()
    {
        var options = new CollectionModelBuildingOptions { SupportedDataPropertyTypes = [typeof(string)] };
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(string)), new VectorStoreDataProperty("Tags", typeof(string[])) },
        };

        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.BuildDynamic(definition, options: options));
        Assert.Equal(VectorDataStrings.UnsupportedDataType("Tags", typeof(string[]), "string"), ex.Message);
    }

    [Fact]
    public void Auto_generation_requested_for_a_key_type_the_store_cannot_generate_is_not_supported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.AutoGeneratedStringKey>());
        Assert.Equal(VectorDataStrings.AutoGenerationNotSupported("Id", typeof(string)), ex.Message);
    }

    [Fact]
    public void Non_positive_dimensions_set_by_a_provider_customization_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AddsDimensionlessVector().Build(typeof(Note), typeof(Guid), null, null));
        Assert.Equal(VectorDataStrings.NonPositiveDimensions("Extra"), ex.Message);
    }

    [Fact]
    public void A_text_vector_without_a_generator_is_not_supported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.TextVector>());
        Assert.Equal(
            VectorDataStrings.UnsupportedVectorTypeWithoutGenerator("Text", typeof(string), "ReadOnlyMemory<float>, float[], Embedding<float>"),
            ex.Message);
    }

    [Fact]
    public void A_generator_that_cannot_take_the_input_type_is_named_in_the_error()
    {
        var pointGenerator = new ScriptedEmbeddingGenerator<Point>(p => [p.X, p.Y]);

        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.TextVector>(generator: pointGenerator));
        Assert.Equal(VectorDataStrings.IncompatibleEmbeddingGenerator("Text", typeof(string), pointGenerator.GetType()), ex.Message);
        Assert.Contains("ScriptedEmbeddingGenerator<Point>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_embedding_type_other_than_float_is_not_supported()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreVectorProperty("Text", 4) { EmbeddingType = typeof(Embedding<Half>) } } };

        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.TextVector>(definition, Generators.Text()));
        Assert.Equal(VectorDataStrings.UnsupportedEmbeddingType("Text", typeof(Embedding<Half>)), ex.Message);
    }

    [Fact]
    public void An_embedding_type_on_a_native_vector_property_is_rejected()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreVectorProperty("Embedding", 3) { EmbeddingType = typeof(Embedding<float>) } } };

        var ex = Assert.Throws<ArgumentException>(() => BuilderOptions.Build<Guid, Note>(definition));
        Assert.Equal(VectorDataStrings.EmbeddingTypeOnNativeVectorProperty("Embedding", typeof(Embedding<float>), typeof(ReadOnlyMemory<float>)), ex.Message);
    }

    [Fact]
    public void Requesting_float_embeddings_explicitly_for_a_text_vector_is_accepted()
    {
        var definition = new VectorStoreCollectionDefinition { Properties = { new VectorStoreVectorProperty("Text", 4) { EmbeddingType = typeof(Embedding<float>) } } };

        var model = BuilderOptions.Build<string, InvalidRecords.TextVector>(definition, Generators.Text());

        Assert.Equal(typeof(Embedding<float>), model.VectorProperty.EmbeddingType);
    }

    [Fact]
    public void An_unsupported_distance_function_is_named_in_the_error()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.DotProductVector>());
        Assert.Equal(
            VectorDataStrings.UnsupportedDistanceFunction("Vector", DistanceFunction.DotProductSimilarity, "CosineSimilarity, EuclideanDistance"),
            ex.Message);
    }

    [Fact]
    public void An_unsupported_index_kind_is_named_in_the_error()
    {
        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.DiskAnnVector>());
        Assert.Equal(VectorDataStrings.UnsupportedIndexKind("Vector", IndexKind.DiskAnn, "Flat, Hnsw"), ex.Message);
    }

    [Fact]
    public void A_store_with_one_vector_per_record_rejects_two()
    {
        var options = new CollectionModelBuildingOptions { SupportsMultipleVectors = false };

        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<string, InvalidRecords.TwoVectors>(options: options));
        Assert.Equal(VectorDataStrings.MultipleVectorProperties(Where("TwoVectors")), ex.Message);
    }

    [Fact]
    public void A_store_that_requires_a_vector_rejects_records_without_one()
    {
        var options = new CollectionModelBuildingOptions { RequiresAtLeastOneVector = true };

        var ex = Assert.Throws<NotSupportedException>(() => BuilderOptions.Build<int, InvalidRecords.IntKey>(options: options));
        Assert.Equal(VectorDataStrings.NoVectorProperty(Where("IntKey")), ex.Message);
    }

    private sealed class AddsDimensionlessVector() : CollectionModelBuilder(BuilderOptions.Strict)
    {
        protected override void Customize()
        {
            var extra = new VectorPropertyModel("Extra", typeof(float[]));
            VectorProperties.Add(extra);
            Properties.Add(extra);
        }
    }
}
