using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// A string-typed vector property with an embedding generator: texts are embedded on upsert (one generator call
/// per batch) and on search; the text itself is not stored, so asking for vectors back is not supported.
/// </summary>
public sealed class EmbeddingGenerationTests : IDisposable
{
    public const int Dimensions = 8;
    private static readonly string[] Texts = [.. Enumerable.Range(0, 30).Select(i => $"note {i}: {(i % 3 == 0 ? "cats" : i % 3 == 1 ? "rivers" : "engines")} number {i}")];
    private readonly ScriptedEmbeddingGenerator<string> _generator = ScriptedEmbeddingGenerator.Text(Dimensions);
    private readonly TempStore _temp;

    public EmbeddingGenerationTests() => _temp = new TempStore(TestOptions.Store(embeddingGenerator: _generator));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Upsert_batch_embeds_all_texts_in_one_generator_call()
    {
        var collection = await CreateAsync();

        await collection.UpsertAsync(Records(0, 25));

        var call = Assert.Single(_generator.Calls);
        Assert.Equal(Texts[..25], call);
        await collection.UpsertAsync(Records(25, 1)[0]);
        Assert.Equal(2, _generator.Calls.Count);
        Assert.Equal([Texts[25]], _generator.Calls[1]);
    }

    [Fact]
    public async Task Search_with_a_string_embeds_it_once_and_ranks_by_the_generated_vectors()
    {
        var collection = await CreateAsync();
        await collection.UpsertAsync(Records(0, Texts.Length));
        var before = _generator.Calls.Count;
        const string query = "a question about rivers";

        var results = await collection.SearchAsync(query, 5).ToListAsync();

        Assert.Equal(before + 1, _generator.Calls.Count);
        Assert.Equal([query], _generator.Calls[^1]);
        var oracle = Scoring.Rank(Enumerable.Range(0, Texts.Length), i => _generator.Embed(Texts[i]), _generator.Embed(query), DistanceFunction.CosineSimilarity)
            .Select(s => new Scored<string>(Key(s.Item), s.Score)).ToList();
        RankingAssert.Matches(RankingAssert.Pairs(results, r => r.Id), oracle, 5, 0, DistanceFunction.CosineSimilarity, s => 1e-5);
    }

    [Fact]
    public async Task Search_with_a_vector_on_an_embedded_property_does_not_call_the_generator()
    {
        var collection = await CreateAsync();
        await collection.UpsertAsync(Records(0, Texts.Length));
        var before = _generator.Calls.Count;

        var results = await collection.SearchAsync(_generator.Embed(Texts[4]), 1).ToListAsync();

        Assert.Equal(before, _generator.Calls.Count);
        Assert.Equal(Key(4), Assert.Single(results).Record.Id);
        Assert.Equal(1.0, results[0].Score!.Value, 1e-5);
    }

    [Fact]
    public async Task Records_read_back_do_not_carry_the_embedded_text()
    {
        var collection = await CreateAsync();
        await collection.UpsertAsync(Records(0, 3));

        var record = await collection.GetAsync(Key(1));

        Assert.NotNull(record);
        Assert.Equal(Texts[1], record.Body);
        Assert.Null(record.Embedding);
    }

    [Fact]
    public async Task IncludeVectors_on_an_embedded_property_throws_NotSupportedException_on_every_read()
    {
        var collection = await CreateAsync();
        await collection.UpsertAsync(Records(0, 3));
        var include = new RecordRetrievalOptions { IncludeVectors = true };

        await Assert.ThrowsAsync<NotSupportedException>(() => collection.GetAsync(Key(0), include));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.GetAsync([Key(0)], include).ToListAsync());
        await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await collection.GetAsync(r => r.Body != "", 5, new FilteredRecordRetrievalOptions<EmbeddedRecord> { IncludeVectors = true }).ToListAsync());
        await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await collection.SearchAsync("cats", 3, new VectorSearchOptions<EmbeddedRecord> { IncludeVectors = true }).ToListAsync());
        await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await collection.HybridSearchAsync("cats", ["cats"], 3, new HybridSearchOptions<EmbeddedRecord> { IncludeVectors = true }).ToListAsync());
    }

    [Fact]
    public async Task A_record_without_text_is_stored_but_never_found_by_search()
    {
        var collection = await CreateAsync();
        await collection.UpsertAsync(Records(0, 5));
        await collection.UpsertAsync(new EmbeddedRecord { Id = "no-text", Body = "unembedded" });

        Assert.Equal("unembedded", (await collection.GetAsync("no-text"))!.Body);
        var all = await collection.SearchAsync("anything", 50).ToListAsync();
        Assert.Equal(5, all.Count);
        Assert.DoesNotContain(all, r => r.Record.Id == "no-text");
    }

    [Fact]
    public async Task Collection_options_generator_wins_over_the_store_generator()
    {
        var own = ScriptedEmbeddingGenerator.Text(Dimensions, new Dictionary<string, float[]> { ["x"] = [1, 0, 0, 0, 0, 0, 0, 0] });
        var collection = _temp.Store.GetCollection<string, EmbeddedRecord>("own", new FaissCollectionOptions { EmbeddingGenerator = own });
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync(Records(0, 4));
        await collection.SearchAsync("x", 1).ToListAsync();

        Assert.Empty(_generator.Calls);
        Assert.Equal(2, own.Calls.Count);
    }

    [Fact]
    public async Task Dynamic_records_embed_a_string_vector_property_once_per_batch()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreDataProperty("Body", typeof(string)),
                new VectorStoreVectorProperty("Embedding", typeof(string), Dimensions),
            ],
        };
        var collection = _temp.Store.GetDynamicCollection("dynamic-embedded", definition);
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync([.. Enumerable.Range(0, 10).Select(i => new Dictionary<string, object?> { ["Id"] = Key(i), ["Body"] = Texts[i], ["Embedding"] = Texts[i] })]);
        var results = await collection.SearchAsync(Texts[6], 1).ToListAsync();

        Assert.Equal(2, _generator.Calls.Count);
        Assert.Equal(Texts[..10], _generator.Calls[0]);
        Assert.Equal(Key(6), Assert.Single(results).Record["Id"]);
        Assert.False(results[0].Record.ContainsKey("Embedding") && results[0].Record["Embedding"] is not null);
    }

    private static string Key(int i) => $"note-{i}";

    private static List<EmbeddedRecord> Records(int start, int count) =>
        [.. Enumerable.Range(start, count).Select(i => new EmbeddedRecord { Id = Key(i), Body = Texts[i], Embedding = Texts[i] })];

    private async Task<FaissCollection<string, EmbeddedRecord>> CreateAsync()
    {
        var collection = _temp.Store.GetCollection<string, EmbeddedRecord>("embedded", new FaissCollectionOptions());
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }
}
