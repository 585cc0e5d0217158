using System.Linq.Expressions;
using ContextMemory.VectorData.ProviderServices;
using ContextMemory.VectorData.Tests.Support;
using ContextMemory.VectorData.Tests.Support.Records;

namespace ContextMemory.VectorData.Tests;

public class SelectorTests
{
    private readonly CollectionModel _notes = BuilderOptions.Build<Guid, Note>();
    private readonly CollectionModel _dynamic = BuilderOptions.BuildDynamic(DynamicModelTests.Definition());
    private readonly CollectionModel _twoVectors = BuilderOptions.Build<string, InvalidRecords.TwoVectors>(options: BuilderOptions.Permissive);

    [Fact]
    public void The_single_vector_property_is_used_when_none_is_chosen()
    {
        Assert.Equal("Embedding", _notes.GetVectorPropertyOrSingle<Note>((VectorSearchOptions<Note>?)null).ModelName);
        Assert.Equal("Embedding", _notes.GetVectorPropertyOrSingle(new VectorSearchOptions<Note>()).ModelName);
        Assert.Same(_notes.VectorProperty, _notes.GetVectorPropertyOrSingle(new HybridSearchOptions<Note>()));
    }

    [Fact]
    public void A_poco_selector_chooses_among_several_vector_properties()
    {
        var options = new VectorSearchOptions<InvalidRecords.TwoVectors> { VectorProperty = r => r.B };
        var hybrid = new HybridSearchOptions<InvalidRecords.TwoVectors> { VectorProperty = r => r.A };

        Assert.Equal("B", _twoVectors.GetVectorPropertyOrSingle(options).ModelName);
        Assert.Equal("A", _twoVectors.GetVectorPropertyOrSingle(hybrid).ModelName);
    }

    [Fact]
    public void Several_vector_properties_without_a_choice_is_an_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _twoVectors.GetVectorPropertyOrSingle(new VectorSearchOptions<InvalidRecords.TwoVectors>()));
        Assert.Equal(VectorDataStrings.MultipleVectorPropertiesSpecifyOne(typeof(InvalidRecords.TwoVectors)), ex.Message);
        Assert.Throws<InvalidOperationException>(() => _twoVectors.VectorProperty);
    }

    [Fact]
    public void No_vector_property_is_an_error_when_searching()
    {
        var model = BuilderOptions.Build<int, InvalidRecords.IntKey>(options: BuilderOptions.Permissive);

        var ex = Assert.Throws<InvalidOperationException>(() => model.GetVectorPropertyOrSingle(new VectorSearchOptions<InvalidRecords.IntKey>()));
        Assert.Equal(VectorDataStrings.NoVectorProperties(typeof(InvalidRecords.IntKey)), ex.Message);
    }

    [Fact]
    public void A_dynamic_indexer_selector_with_a_constant_resolves_the_property()
    {
        var options = new VectorSearchOptions<Dictionary<string, object?>> { VectorProperty = r => r["Embedding"] };

        Assert.Equal("Embedding", _dynamic.GetVectorPropertyOrSingle(options).ModelName);
        Assert.Equal("Title", _dynamic.GetDataOrKeyProperty<Dictionary<string, object?>>(r => r["Title"]).ModelName);
    }

    [Fact]
    public void A_dynamic_indexer_selector_with_a_captured_variable_resolves_the_property()
    {
        var name = "Tags";

        var property = _dynamic.GetDataOrKeyProperty<Dictionary<string, object?>>(r => r[name]);

        Assert.Equal("Tags", property.ModelName);
    }

    [Fact]
    public void Key_and_value_type_properties_resolve_through_the_boxing_conversion()
    {
        Assert.Same(_notes.KeyProperty, _notes.GetDataOrKeyProperty<Note>(r => r.Id));
        Assert.Equal("Priority", _notes.GetDataOrKeyProperty<Note>(r => r.Priority).ModelName);
    }

    [Fact]
    public void Order_by_sort_keys_resolve_to_their_properties()
    {
        var definition = new FilteredRecordRetrievalOptions<Note>.OrderByDefinition().Descending(r => r.Priority).Ascending(r => r.Category);

        var resolved = definition.Values.Select(s => (_notes.GetDataOrKeyProperty(s.PropertySelector).StorageName, s.Ascending));

        Assert.Equal([("Priority", false), ("Category", true)], resolved);
    }

    [Fact]
    public void A_vector_property_cannot_be_used_where_data_or_key_is_required()
    {
        var ex = Assert.Throws<ArgumentException>(() => _notes.GetDataOrKeyProperty<Note>(r => r.Embedding));
        Assert.Equal(new ArgumentException(VectorDataStrings.PropertyIsWrongKind("Embedding", "data or key"), "selector").Message, ex.Message);
    }

    [Fact]
    public void A_data_property_cannot_be_chosen_as_the_vector()
    {
        var options = new VectorSearchOptions<Note> { VectorProperty = r => r.Text };

        var ex = Assert.Throws<ArgumentException>(() => _notes.GetVectorPropertyOrSingle(options));
        Assert.Equal(new ArgumentException(VectorDataStrings.PropertyIsWrongKind("Text", "vector"), "selector").Message, ex.Message);
    }

    [Fact]
    public void An_unmapped_property_is_not_found()
    {
        var ex = Assert.Throws<ArgumentException>(() => _notes.GetDataOrKeyProperty<Note>(r => r.NotStored));
        Assert.Equal(new ArgumentException(VectorDataStrings.PropertyNotFound("NotStored"), "selector").Message, ex.Message);
        Assert.Throws<ArgumentException>(() => _dynamic.GetDataOrKeyProperty<Dictionary<string, object?>>(r => r["Nope"]));
    }

    [Fact]
    public void Selectors_other_than_direct_member_access_are_rejected()
    {
        Expression<Func<Note, object?>> computed = r => r.Category + "x";
        Expression<Func<Note, object?>> nested = r => r.Text.Length;

        var ex = Assert.Throws<ArgumentException>(() => _notes.GetDataOrKeyProperty(computed));
        Assert.Equal(new ArgumentException(VectorDataStrings.InvalidPropertySelector(computed.ToString()), "selector").Message, ex.Message);
        Assert.Throws<ArgumentException>(() => _notes.GetDataOrKeyProperty(nested));
    }

    [Fact]
    public void A_dynamic_selector_with_a_computed_key_is_rejected()
    {
        var prefix = "Ti";

        Assert.Throws<ArgumentException>(() => _dynamic.GetDataOrKeyProperty<Dictionary<string, object?>>(r => r[prefix + "tle"]));
    }

    [Fact]
    public void Member_access_is_not_accepted_on_a_dynamic_model_nor_indexers_on_a_poco_model()
    {
        Assert.Throws<ArgumentException>(() => _dynamic.GetDataOrKeyProperty<Dictionary<string, object?>>(r => r.Count));
    }

    [Fact]
    public void The_single_full_text_property_is_used_when_none_is_chosen()
    {
        Assert.Equal("Text", _notes.GetFullTextDataPropertyOrSingle<Note>(null).ModelName);
        Assert.Equal("Title", _dynamic.GetFullTextDataPropertyOrSingle<Dictionary<string, object?>>(null).ModelName);
    }

    [Fact]
    public void A_chosen_full_text_property_must_be_full_text_indexed()
    {
        Assert.Equal("Text", _notes.GetFullTextDataPropertyOrSingle<Note>(r => r.Text).ModelName);

        var ex = Assert.Throws<ArgumentException>(() => _notes.GetFullTextDataPropertyOrSingle<Note>(r => r.Category));
        Assert.Equal(new ArgumentException(VectorDataStrings.FullTextPropertyNotIndexed("Category"), "selector").Message, ex.Message);
    }

    [Fact]
    public void Zero_or_several_full_text_properties_without_a_choice_is_an_error()
    {
        var none = BuilderOptions.Build<long, InitOnlyNote>();
        var several = BuilderOptions.Build<Guid, Note>(new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreDataProperty("Category") { IsFullTextIndexed = true } },
        });

        var noneEx = Assert.Throws<InvalidOperationException>(() => none.GetFullTextDataPropertyOrSingle<InitOnlyNote>(null));
        var severalEx = Assert.Throws<InvalidOperationException>(() => several.GetFullTextDataPropertyOrSingle<Note>(null));

        Assert.Equal(VectorDataStrings.NoFullTextProperty(typeof(InitOnlyNote)), noneEx.Message);
        Assert.Equal(VectorDataStrings.MultipleFullTextProperties(typeof(Note)), severalEx.Message);
    }

    [Fact]
    public void Filter_translators_can_bind_member_access_inside_a_larger_expression()
    {
        Expression<Func<Note, bool>> filter = n => n.Category == "work" && n.Tags.Contains("x");
        var and = (BinaryExpression)filter.Body;
        var equal = (BinaryExpression)and.Left;
        var contains = (MethodCallExpression)and.Right;

        Assert.True(_notes.TryBindProperty(equal.Left, filter.Parameters[0], out var category));
        Assert.True(_notes.TryBindProperty(contains.Arguments[0], filter.Parameters[0], out var tags));
        Assert.False(_notes.TryBindProperty(equal.Right, filter.Parameters[0], out _));
        Assert.Equal(("Category", "Tags"), (category!.ModelName, tags!.ModelName));
    }

    [Fact]
    public void Binding_sees_through_the_span_conversion_of_array_contains()
    {
        Expression<Func<Note, bool>> filter = n => n.Tags.Contains("x");
        var contains = (MethodCallExpression)filter.Body;

        Assert.Equal(typeof(MemoryExtensions), contains.Method.DeclaringType);
        Assert.True(_notes.TryBindProperty(contains.Arguments[0], filter.Parameters[0], out var tags));
        Assert.Equal("Tags", tags.ModelName);
    }

    [Fact]
    public void Binding_requires_the_record_parameter_itself()
    {
        Expression<Func<Note, Note, bool>> twoRecords = (a, b) => a.Category == b.Category;
        var equal = (BinaryExpression)twoRecords.Body;

        Assert.True(_notes.TryBindProperty(equal.Left, twoRecords.Parameters[0], out _));
        Assert.False(_notes.TryBindProperty(equal.Right, twoRecords.Parameters[0], out _));
    }
}
