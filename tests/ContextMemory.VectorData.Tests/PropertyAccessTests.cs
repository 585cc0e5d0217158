using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.Tests;

public class PropertyAccessTests
{
    [Fact]
    public void Poco_values_are_read_and_written_through_the_model()
    {
        var model = BuilderOptions.Build<Guid, Note>();
        var id = Guid.NewGuid();
        var note = model.CreateRecord<Note>();

        model.KeyProperty.SetValueAsObject(note, id);
        model.PropertyMap["Category"].SetValueAsObject(note, "work");
        model.PropertyMap["Tags"].SetValueAsObject(note, new[] { "a", "b" });
        model.PropertyMap["Priority"].SetValueAsObject(note, 3);

        Assert.Equal(id, note.Id);
        Assert.Equal("work", note.Category);
        Assert.Equal(["a", "b"], note.Tags);
        Assert.Equal(3, note.Priority);
        Assert.Equal(id, model.KeyProperty.GetValueAsObject(note));
        Assert.Equal("work", model.PropertyMap["Category"].GetValue<string>(note));
        Assert.Equal(3, model.PropertyMap["Priority"].GetValue<int?>(note));
    }

    [Fact]
    public void Null_clears_a_poco_property_to_its_default()
    {
        var model = BuilderOptions.Build<long, InitOnlyNote>();
        var record = new InitOnlyNote { Id = 5, Title = "t", Count = 7, Vector = [1, 2] };

        model.PropertyMap["Count"].SetValueAsObject(record, null);
        model.PropertyMap["Vector"].SetValueAsObject(record, null);

        Assert.Equal(0, record.Count);
        Assert.Null(record.Vector);
        Assert.Null(model.PropertyMap["Vector"].GetValueAsObject(record));
    }

    [Fact]
    public void Init_only_properties_of_records_can_be_populated()
    {
        var model = BuilderOptions.Build<long, InitOnlyNote>();
        var record = model.CreateRecord<InitOnlyNote>();

        model.KeyProperty.SetValue(record, 42L);
        model.PropertyMap["Title"].SetValue(record, "hello");
        model.VectorProperty.SetVector(record, new float[] { 0.5f, 1.5f });

        Assert.Equal(new InitOnlyNote { Id = 42, Title = "hello", Vector = record.Vector }, record);
        Assert.Equal([0.5f, 1.5f], record.Vector!);
    }

    [Fact]
    public void Poco_accessors_are_compiled_delegates_not_reflection()
    {
        var model = BuilderOptions.Build<Guid, Note>();
        var getter = typeof(PropertyModel).GetField("_getter", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

        var del = (Delegate)getter.GetValue(model.PropertyMap["Category"])!;

        // A method-group delegate over PropertyInfo.GetValue would target the PropertyInfo; a compiled lambda targets a closure.
        Assert.IsNotAssignableFrom<System.Reflection.PropertyInfo>(del.Target);
        Assert.Contains("lambda", del.Method.Name, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_property_and_both_types()
    {
        var model = BuilderOptions.Build<Guid, Note>();

        var ex = Assert.Throws<InvalidCastException>(() => model.PropertyMap["Priority"].SetValueAsObject(new Note(), 3L));

        Assert.Equal(VectorDataStrings.ValueTypeMismatch("Priority", typeof(long), typeof(int?)), ex.Message);
    }

    [Fact]
    public void Dictionary_values_are_read_and_written_by_model_name()
    {
        var model = BuilderOptions.BuildDynamic(DynamicModelTests.Definition());
        var record = model.CreateRecord<Dictionary<string, object?>>();
        var id = Guid.NewGuid();

        model.KeyProperty.SetValueAsObject(record, id);
        model.PropertyMap["Title"].SetValueAsObject(record, "hello");
        model.VectorProperty.SetVector(record, new float[] { 1, 2, 3, 4 });

        Assert.Equal(id, record["Id"]);
        Assert.Equal("hello", record["Title"]);
        Assert.Equal([1f, 2f, 3f, 4f], ((ReadOnlyMemory<float>)record["Embedding"]!).ToArray());
        Assert.Equal("hello", model.PropertyMap["Title"].GetValueAsObject(record));
        Assert.False(record.ContainsKey("title"));
    }

    [Fact]
    public void A_missing_dictionary_entry_reads_as_null()
    {
        var model = BuilderOptions.BuildDynamic(DynamicModelTests.Definition());

        Assert.Null(model.PropertyMap["Tags"].GetValueAsObject(new Dictionary<string, object?>()));
    }

    [Fact]
    public void A_dictionary_value_of_the_wrong_type_is_reported()
    {
        var model = BuilderOptions.BuildDynamic(DynamicModelTests.Definition());
        var record = new Dictionary<string, object?> { ["Title"] = 12 };

        var ex = Assert.Throws<InvalidCastException>(() => model.PropertyMap["Title"].GetValueAsObject(record));

        Assert.Equal(VectorDataStrings.ValueTypeMismatch("Title", typeof(int), typeof(string)), ex.Message);
    }

    [Fact]
    public void A_dictionary_value_of_a_derived_or_implementing_type_is_accepted()
    {
        var model = BuilderOptions.BuildDynamic(DynamicModelTests.Definition());
        var tags = new List<string> { "x" };

        Assert.Same(tags, model.PropertyMap["Tags"].GetValueAsObject(new Dictionary<string, object?> { ["Tags"] = tags }));
    }

    [Fact]
    public void Properties_of_a_model_under_construction_cannot_be_accessed()
    {
        var property = new DataPropertyModel("Loose", typeof(string));

        var ex = Assert.Throws<InvalidOperationException>(() => property.GetValueAsObject(new Note()));
        Assert.Equal(VectorDataStrings.AccessorsNotConfigured("Loose"), ex.Message);
        Assert.Throws<InvalidOperationException>(() => property.SetValueAsObject(new Note(), "x"));
    }

    [Fact]
    public void Native_vectors_convert_to_and_from_each_float_vector_type()
    {
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: Generators.Text());
        var raw = (VectorPropertyModel)model.PropertyMap["Raw"];
        var note = new EmbeddedNote();
        float[] values = [1, 2, 3];

        Assert.False(raw.TryGetVector(note, out _));
        raw.SetVector(note, values);

        Assert.IsType<Embedding<float>>(note.Raw);
        Assert.True(raw.TryGetVector(note, out var read));
        Assert.Equal(values, read.ToArray());
    }

    [Fact]
    public void Float_arrays_written_from_a_vector_are_copies()
    {
        var model = BuilderOptions.Build<long, InitOnlyNote>();
        var record = new InitOnlyNote();
        var source = new float[] { 1, 2 };

        model.VectorProperty.SetVector(record, source);
        source[0] = 99;

        Assert.Equal([1f, 2f], record.Vector!);
    }

    [Fact]
    public void Embedded_properties_hold_no_vector_to_read_or_return()
    {
        var model = BuilderOptions.Build<string, EmbeddedNote>(generator: Generators.Text());
        var content = (VectorPropertyModel)model.PropertyMap["Content"];

        var read = Assert.Throws<InvalidOperationException>(() => content.TryGetVector(new EmbeddedNote(), out _));
        var write = Assert.Throws<NotSupportedException>(() => content.SetVector(new EmbeddedNote(), new float[3]));
        var include = Assert.Throws<NotSupportedException>(() => model.ValidateIncludeVectors(includeVectors: true));

        Assert.Equal(VectorDataStrings.VectorNotInRecord("Content"), read.Message);
        Assert.Equal(VectorDataStrings.IncludeVectorsNotSupported("Content"), write.Message);
        Assert.Equal(VectorDataStrings.IncludeVectorsNotSupported("Content"), include.Message);
        model.ValidateIncludeVectors(includeVectors: false);
    }

    [Fact]
    public void Include_vectors_is_fine_when_every_vector_is_native()
    {
        var model = BuilderOptions.Build<Guid, Note>(generator: Generators.Text());

        model.ValidateIncludeVectors(includeVectors: true);
        Assert.False(model.EmbeddingGenerationRequired);
    }

    [Theory]
    [InlineData(typeof(float[]))]
    [InlineData(typeof(ReadOnlyMemory<float>))]
    [InlineData(typeof(Embedding<float>))]
    public void Every_float_vector_representation_converts_without_generation(Type type)
    {
        float[] values = [3, 4];
        object value = type == typeof(float[]) ? values : type == typeof(ReadOnlyMemory<float>) ? new ReadOnlyMemory<float>(values) : new Embedding<float>(values);

        Assert.True(VectorPropertyModel.TryConvertToVector(value, out var vector));
        Assert.Equal(values, vector.ToArray());
    }

    [Fact]
    public void Non_vectors_do_not_convert()
    {
        Assert.False(VectorPropertyModel.TryConvertToVector(null, out _));
        Assert.False(VectorPropertyModel.TryConvertToVector("text", out _));
        Assert.False(VectorPropertyModel.TryConvertToVector(new double[] { 1 }, out _));
    }
}
