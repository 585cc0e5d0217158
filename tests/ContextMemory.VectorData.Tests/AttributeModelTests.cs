using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;

namespace ContextMemory.VectorData.Tests;

public class AttributeModelTests
{
    [Fact]
    public void Attributes_define_the_key_data_and_vector_properties_in_declaration_order()
    {
        var model = BuilderOptions.Build<Guid, Note>();

        Assert.Equal(["Id", "Category", "Text", "Tags", "Priority", "Embedding"], model.Properties.Select(p => p.ModelName));
        Assert.Equal("Id", model.KeyProperty.ModelName);
        Assert.Equal(["Category", "Text", "Tags", "Priority"], model.DataProperties.Select(p => p.ModelName));
        Assert.Equal("Embedding", Assert.Single(model.VectorProperties).ModelName);
        Assert.Same(model.KeyProperty, Assert.Single(model.KeyProperties));
        Assert.False(model.IsDynamic);
        Assert.Equal(typeof(Note), model.RecordType);
    }

    [Fact]
    public void Unannotated_properties_are_not_part_of_the_model()
    {
        var model = BuilderOptions.Build<Guid, Note>();

        Assert.False(model.PropertyMap.ContainsKey(nameof(Note.NotStored)));
    }

    [Fact]
    public void Attribute_settings_reach_the_property_models()
    {
        var model = BuilderOptions.Build<Guid, Note>();
        var category = (DataPropertyModel)model.PropertyMap["Category"];
        var text = (DataPropertyModel)model.PropertyMap["Text"];
        var vector = model.VectorProperty;

        Assert.True(category.IsIndexed);
        Assert.False(category.IsFullTextIndexed);
        Assert.True(text.IsFullTextIndexed);
        Assert.Equal("body_text", text.StorageName);
        Assert.Equal("Category", category.StorageName);
        Assert.Equal(3, vector.Dimensions);
        Assert.Equal(DistanceFunction.CosineSimilarity, vector.DistanceFunction);
        Assert.Equal(IndexKind.Hnsw, vector.IndexKind);
        Assert.Equal(typeof(ReadOnlyMemory<float>), vector.Type);
        Assert.Equal(typeof(ReadOnlyMemory<float>), vector.EmbeddingType);
        Assert.False(vector.RequiresEmbeddingGeneration);
        Assert.False(model.EmbeddingGenerationRequired);
    }

    [Fact]
    public void Unset_index_kind_and_distance_function_stay_null_for_the_provider_default()
    {
        var model = BuilderOptions.Build<long, InitOnlyNote>();

        Assert.Null(model.VectorProperty.IndexKind);
        Assert.Null(model.VectorProperty.DistanceFunction);
    }

    [Fact]
    public void Nullability_is_read_from_the_declaration()
    {
        var model = BuilderOptions.Build<Guid, Note>();

        Assert.True(model.PropertyMap["Priority"].IsNullable);
        Assert.False(model.PropertyMap["Category"].IsNullable);
        Assert.False(model.PropertyMap["Id"].IsNullable);
        Assert.True(BuilderOptions.Build<long, InitOnlyNote>().VectorProperty.IsNullable);
    }

    [Fact]
    public void Created_records_are_new_instances_of_the_record_type()
    {
        var model = BuilderOptions.Build<Guid, Note>();

        var first = model.CreateRecord<Note>();
        var second = model.CreateRecord<Note>();

        Assert.NotSame(first, second);
        Assert.Equal("", first.Category);
    }

    [Fact]
    public void Embedded_string_vector_property_gets_float_embeddings_and_the_generator()
    {
        var generator = Generators.Text();
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: generator);
        var content = (VectorPropertyModel)model.PropertyMap["Content"];
        var raw = (VectorPropertyModel)model.PropertyMap["Raw"];

        Assert.True(content.RequiresEmbeddingGeneration);
        Assert.Equal(typeof(Microsoft.Extensions.AI.Embedding<float>), content.EmbeddingType);
        Assert.Same(generator, content.EmbeddingGenerator);
        Assert.False(raw.RequiresEmbeddingGeneration);
        Assert.Same(generator, raw.EmbeddingGenerator);
        Assert.True(model.EmbeddingGenerationRequired);
    }

    [Fact]
    public void A_builder_builds_one_model_only()
    {
        var builder = new CollectionModelBuilder(BuilderOptions.Strict);
        builder.Build(typeof(Note), typeof(Guid), null, null);

        var ex = Assert.Throws<InvalidOperationException>(() => builder.Build(typeof(Note), typeof(Guid), null, null));
        Assert.Equal(VectorDataStrings.BuilderAlreadyUsed, ex.Message);
    }

    [Fact]
    public void Reserved_key_storage_name_replaces_the_configured_one()
    {
        var options = new CollectionModelBuildingOptions { ReservedKeyStorageName = "_key" };

        var model = new CollectionModelBuilder(options).Build(typeof(Note), typeof(Guid), null, null);

        Assert.Equal("_key", model.KeyProperty.StorageName);
        Assert.Equal("Id", model.KeyProperty.ModelName);
    }

    [Fact]
    public void Customize_runs_before_validation_so_a_provider_can_rename_storage()
    {
        var model = new LowerCasingBuilder().Build(typeof(Note), typeof(Guid), null, null);

        Assert.Equal(["id", "category", "body_text", "tags", "priority", "embedding"], model.Properties.Select(p => p.StorageName));
    }

    private sealed class LowerCasingBuilder() : CollectionModelBuilder(BuilderOptions.Strict)
    {
        protected override void Customize()
        {
            foreach (var property in Properties)
            {
                property.StorageName = property.StorageName.ToLowerInvariant();
            }
        }
    }
}
