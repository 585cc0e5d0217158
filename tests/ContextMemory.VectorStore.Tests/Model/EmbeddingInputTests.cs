using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Model;

/// <summary>
/// What reaches an embedding generator: every value of a batch in one call, in record order; nothing for records
/// without a value; custom input types through <c>VectorStoreVectorProperty&lt;TInput&gt;</c>. Search values that are
/// neither vectors nor accepted by a generator are not supported.
/// </summary>
public sealed class EmbeddingInputTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_batch_is_embedded_in_one_generator_call_in_record_order()
    {
        var generator = ScriptedEmbeddingGenerator.Marked(1);
        var collection = await CreateAsync<string, EmbeddedNote>("embedded", generator);

        await collection.UpsertAsync(new[] { "a", "bb", "ccc", "dddd" }.Select(t => new EmbeddedNote { Id = t, Content = t }));

        Assert.Equal(["a", "bb", "ccc", "dddd"], Assert.Single(generator.Calls));
        var nearest = await collection.SearchAsync(new float[] { 3, 'c', 1 }, 1, new VectorSearchOptions<EmbeddedNote> { VectorProperty = n => n.Content }).ToListAsync();
        Assert.Equal("ccc", Assert.Single(nearest).Record.Id);
    }

    [Fact]
    public async Task Records_without_a_value_to_embed_do_not_call_the_generator()
    {
        var generator = ScriptedEmbeddingGenerator.Marked(1);
        var collection = await CreateAsync<string, EmbeddedNote>("embedded", generator);

        await collection.UpsertAsync([new EmbeddedNote { Id = "a", Raw = new(new float[] { 1, 2, 3 }) }, new EmbeddedNote { Id = "b" }]);

        Assert.Empty(generator.Calls);
        Assert.NotNull(await collection.GetAsync("a"));
    }

    [Fact]
    public async Task A_generator_returning_too_few_embeddings_fails_before_anything_is_written()
    {
        var generator = new ScriptedEmbeddingGenerator<string>(s => [s.Length, 0, 1]) { DropLastEmbedding = true };
        var collection = await CreateAsync<string, EmbeddedNote>("embedded", generator);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => collection.UpsertAsync(
            [new EmbeddedNote { Id = "x", Content = "x" }, new EmbeddedNote { Id = "y", Content = "y" }]));

        Assert.Equal(VectorStoreErrors.EmbeddingCountMismatch("Content", 2, 1), ex.Message);
        Assert.Empty(await collection.GetAsync(r => true, 10).ToListAsync());
    }

    [Fact]
    public async Task A_custom_input_type_of_a_record_is_embedded_through_its_generic_definition()
    {
        var generator = new ScriptedEmbeddingGenerator<Point>(p => [p.X, p.Y]);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(Guid)), new VectorStoreVectorProperty<Point>("Location", 2) },
        };
        var collection = _temp.Store.GetCollection<Guid, PointNote>("points", new FaissCollectionOptions { Definition = definition, EmbeddingGenerator = generator });
        await collection.EnsureCollectionExistsAsync();
        var notes = new[] { new PointNote { Location = new Point(1, 2) }, new PointNote { Location = new Point(3, -4) } };

        await collection.UpsertAsync(notes);
        var hit = Assert.Single(await collection.SearchAsync(new Point(3, -4), 1).ToListAsync());

        Assert.Equal(2, generator.Calls.Count);
        Assert.Equal(2, generator.Calls[0].Length);
        Assert.Equal(notes[1].Id, hit.Record.Id);
    }

    [Fact]
    public async Task A_custom_input_type_of_a_dynamic_record_is_embedded_in_one_call()
    {
        var generator = new ScriptedEmbeddingGenerator<Point>(p => [p.X, p.Y]);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = { new VectorStoreKeyProperty("Id", typeof(Guid)), new VectorStoreVectorProperty<Point>("Location", 2) },
        };
        var collection = new FaissDynamicCollection(_temp.Store, "points", new FaissCollectionOptions { Definition = definition, EmbeddingGenerator = generator });
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync([.. Enumerable.Range(1, 5).Select(i => new Dictionary<string, object?> { ["Location"] = new Point(i, -i) })]);

        Assert.Equal(5, Assert.Single(generator.Calls).Length);
        Assert.Equal(5, (await collection.GetAsync(r => true, 10).ToListAsync()).Count);
    }

    [Fact]
    public async Task A_text_search_value_without_a_generator_is_not_supported()
    {
        var collection = await CreateAsync<Guid, Note>("notes", generator: null);

        var ex = await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync("query", 1).ToListAsync());

        Assert.Equal(VectorStoreErrors.SearchInputWithoutGenerator(typeof(string), "Embedding"), ex.Message);
    }

    [Fact]
    public async Task A_search_value_the_generator_cannot_take_names_both_types()
    {
        var generator = ScriptedEmbeddingGenerator.Marked(1);
        var collection = await CreateAsync<Guid, Note>("notes", generator);

        var ex = await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync(new Point(1, 2), 1).ToListAsync());

        Assert.Equal(VectorStoreErrors.SearchInputUnsupportedByGenerator(typeof(Point), generator.GetType(), "Embedding"), ex.Message);
        Assert.Contains("'Point'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ScriptedEmbeddingGenerator<string>", ex.Message, StringComparison.Ordinal);
        Assert.Empty(generator.Calls);
    }

    [Theory]
    [InlineData("array")]
    [InlineData("memory")]
    [InlineData("embedding")]
    public async Task Every_float_vector_form_is_searched_as_it_is(string form)
    {
        var generator = ScriptedEmbeddingGenerator.Marked(1);
        var collection = await CreateAsync<Guid, Note>("notes", generator);
        var note = new Note { Embedding = new float[] { 1, 2, 3 } };
        await collection.UpsertAsync(note);
        float[] query = [1, 2, 3];

        var hits = form switch
        {
            "array" => await collection.SearchAsync(query, 1).ToListAsync(),
            "memory" => await collection.SearchAsync(new ReadOnlyMemory<float>(query), 1).ToListAsync(),
            _ => await collection.SearchAsync(new Microsoft.Extensions.AI.Embedding<float>(query), 1).ToListAsync(),
        };

        Assert.Equal(note.Id, Assert.Single(hits).Record.Id);
        Assert.Empty(generator.Calls);
    }

    private async Task<VectorStoreCollection<TKey, TRecord>> CreateAsync<TKey, TRecord>(string name, Microsoft.Extensions.AI.IEmbeddingGenerator? generator)
        where TKey : notnull
        where TRecord : class
    {
        var collection = _temp.Store.GetCollection<TKey, TRecord>(name, new FaissCollectionOptions { EmbeddingGenerator = generator });
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }
}
