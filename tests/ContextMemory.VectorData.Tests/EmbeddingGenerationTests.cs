using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.Tests;

public class EmbeddingGenerationTests
{
    [Fact]
    public async Task A_batch_is_embedded_in_one_generator_call_in_input_order()
    {
        var generator = Generators.Text();
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: generator);
        var records = new[] { "a", "bb", "ccc", "dddd" }.Select(t => new EmbeddedNote { Id = t, Content = t }).ToList();
        var content = (VectorPropertyModel)model.PropertyMap["Content"];

        var embeddings = await content.TryGenerateEmbeddingsAsync(records.Select(content.GetValueAsObject));

        Assert.Single(generator.Calls);
        Assert.Equal(["a", "bb", "ccc", "dddd"], generator.Calls[0]);
        Assert.Equal([1f, 2f, 3f, 4f], embeddings!.Select(e => e.Vector.Span[0]));
    }

    [Fact]
    public async Task An_empty_batch_does_not_call_the_generator()
    {
        var generator = Generators.Text();
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: generator);

        var embeddings = await ((VectorPropertyModel)model.PropertyMap["Content"]).TryGenerateEmbeddingsAsync([]);

        Assert.Empty(embeddings!);
        Assert.Empty(generator.Calls);
    }

    [Fact]
    public async Task A_native_vector_property_needs_no_generation()
    {
        var generator = Generators.Text();
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: generator);

        var embeddings = await ((VectorPropertyModel)model.PropertyMap["Raw"]).TryGenerateEmbeddingsAsync([new Embedding<float>(new float[3])]);

        Assert.Null(embeddings);
        Assert.Empty(generator.Calls);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_fails_before_the_generator_is_called()
    {
        var generator = Generators.Text();
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: generator);
        var content = (VectorPropertyModel)model.PropertyMap["Content"];

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => content.TryGenerateEmbeddingsAsync(["fine", 42, null]));

        Assert.Equal(new ArgumentException(VectorDataStrings.EmbeddingInputWrongType("Content", typeof(string), typeof(int)), "values").Message, ex.Message);
        Assert.Empty(generator.Calls);
    }

    [Fact]
    public async Task A_null_value_cannot_be_embedded()
    {
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: Generators.Text());
        var content = (VectorPropertyModel)model.PropertyMap["Content"];

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => content.TryGenerateEmbeddingsAsync([null]));

        Assert.Equal(new ArgumentException(VectorDataStrings.EmbeddingInputWrongType("Content", typeof(string), null), "values").Message, ex.Message);
    }

    [Fact]
    public async Task A_generator_returning_too_few_embeddings_is_detected()
    {
        var generator = new ScriptedEmbeddingGenerator<string>(s => [s.Length, 0, 0]) { DropLastEmbedding = true };
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: generator);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ((VectorPropertyModel)model.PropertyMap["Content"]).TryGenerateEmbeddingsAsync(["x", "y"]));

        Assert.Equal(VectorDataStrings.EmbeddingCountMismatch("Content", 2, 1), ex.Message);
    }

    [Fact]
    public async Task A_custom_input_type_on_a_record_type_is_embedded_through_its_generic_model()
    {
        var generator = new ScriptedEmbeddingGenerator<Point>(p => [p.X, p.Y]);
        var model = BuilderOptions.Build<Guid, PointNote>(generator: generator);

        var embeddings = await model.VectorProperty.TryGenerateEmbeddingsAsync([new Point(1, 2), new Point(3, 4)]);

        Assert.IsType<VectorPropertyModel<Point>>(model.VectorProperty);
        Assert.Single(generator.Calls);
        Assert.Equal([2f, 4f], embeddings!.Select(e => e.Vector.Span[1]));
    }

    [Fact]
    public async Task A_custom_input_type_on_a_dynamic_record_is_embedded_in_one_call()
    {
        var generator = new ScriptedEmbeddingGenerator<Point>(p => [p.X, p.Y]);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(Guid)), new VectorStoreVectorProperty<Point>("Location", 2) },
        };
        var model = BuilderOptions.BuildDynamic(definition, generator);
        var records = Enumerable.Range(0, 5).Select(i => new Dictionary<string, object?> { ["Location"] = new Point(i, -i) }).ToList();

        var embeddings = await model.VectorProperty.TryGenerateEmbeddingsAsync(records.Select(model.VectorProperty.GetValueAsObject));

        Assert.Single(generator.Calls);
        Assert.Equal([0f, 1f, 2f, 3f, 4f], embeddings!.Select(e => e.Vector.Span[0]));
    }

    [Fact]
    public async Task Search_vectors_pass_through_without_generation()
    {
        var generator = Generators.Text();
        var property = BuilderOptions.Build<Guid, Note>(generator: generator).VectorProperty;
        float[] array = [1, 2, 3];

        Assert.Equal(array, (await property.GetSearchVectorAsync(array)).ToArray());
        Assert.Equal(array, (await property.GetSearchVectorAsync(new ReadOnlyMemory<float>(array))).ToArray());
        Assert.Equal(array, (await property.GetSearchVectorAsync(new Embedding<float>(array))).ToArray());
        Assert.Empty(generator.Calls);
    }

    [Fact]
    public async Task A_text_search_value_is_embedded_with_the_property_generator()
    {
        var generator = Generators.Text(marker: 9);
        var property = BuilderOptions.Build<Guid, Note>(generator: generator).VectorProperty;

        var vector = await property.GetSearchVectorAsync("query");

        Assert.Equal([5f, 'q', 9f], vector.ToArray());
        Assert.Equal(["query"], Assert.Single(generator.Calls));
    }

    [Fact]
    public async Task A_text_search_value_without_a_generator_is_not_supported()
    {
        var property = BuilderOptions.Build<Guid, Note>().VectorProperty;

        var ex = await Assert.ThrowsAsync<NotSupportedException>(async () => await property.GetSearchVectorAsync("query"));

        Assert.Equal(VectorDataStrings.SearchInputWithoutGenerator(typeof(string), "Embedding"), ex.Message);
    }

    [Fact]
    public async Task A_search_value_the_generator_cannot_take_names_both_types()
    {
        var generator = Generators.Text();
        var property = BuilderOptions.Build<Guid, Note>(generator: generator).VectorProperty;

        var ex = await Assert.ThrowsAsync<NotSupportedException>(async () => await property.GetSearchVectorAsync(new Point(1, 2)));

        Assert.Equal(VectorDataStrings.SearchInputUnsupportedByGenerator(typeof(Point), generator.GetType(), "Embedding"), ex.Message);
        Assert.Contains("'Point'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ScriptedEmbeddingGenerator<string>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_search_value_typed_as_object_still_reaches_a_string_generator()
    {
        var generator = Generators.Text();
        var property = BuilderOptions.Build<Guid, Note>(generator: generator).VectorProperty;
        object query = "abc";

        var embedding = await property.GenerateEmbeddingAsync(query);

        Assert.Equal(3f, embedding.Vector.Span[0]);
    }

    [Fact]
    public void Generator_compatibility_depends_on_the_input_type()
    {
        var textModel = new VectorPropertyModel("T", typeof(string));
        var contentModel = new VectorPropertyModel("C", typeof(DataContent));
        var pointModel = new VectorPropertyModel<Point>("P");
        var textGenerator = Generators.Text();
        var pointGenerator = new ScriptedEmbeddingGenerator<Point>(p => [p.X]);

        Assert.True(textModel.CanGenerateEmbeddings(textGenerator));
        Assert.False(textModel.CanGenerateEmbeddings(pointGenerator));
        Assert.False(contentModel.CanGenerateEmbeddings(textGenerator));
        Assert.True(pointModel.CanGenerateEmbeddings(pointGenerator));
        Assert.False(pointModel.CanGenerateEmbeddings(textGenerator));
        Assert.Equal([typeof(string), typeof(DataContent)], textModel.GetSupportedInputTypes());
    }
}
