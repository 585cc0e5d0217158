using System.Linq.Expressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.InMemoryStoreTests;

public sealed class InMemoryVectorStoreTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public async Task Search_ranks_by_cosine_best_first_among_records_that_pass_the_filter()
    {
        var notes = await FilledAsync();

        var all = await notes.SearchAsync(new ReadOnlyMemory<float>([1f, 0f]), 3).ToListAsync();
        var owned = await notes.SearchAsync(new ReadOnlyMemory<float>([1f, 0f]), 3, new() { Filter = n => n.Owner == "ann" }).ToListAsync();

        Assert.Equal([A, C, B], all.Select(r => r.Record.Id));
        Assert.Equal(1.0, all[0].Score!.Value, 6);
        Assert.Equal(Math.Sqrt(0.5), all[1].Score!.Value, 6);
        Assert.Equal([A, B], owned.Select(r => r.Record.Id));
    }

    [Fact]
    public async Task Search_applies_skip_top_and_the_score_threshold()
    {
        var notes = await FilledAsync();

        var page = await notes.SearchAsync(new ReadOnlyMemory<float>([1f, 0f]), 1, new() { Skip = 1 }).ToListAsync();
        var close = await notes.SearchAsync(new ReadOnlyMemory<float>([1f, 0f]), 3, new() { ScoreThreshold = 0.5 }).ToListAsync();

        Assert.Equal([C], page.Select(r => r.Record.Id));
        Assert.Equal([A, C], close.Select(r => r.Record.Id));
    }

    [Fact]
    public async Task Stored_records_are_copies_that_callers_cannot_change()
    {
        var store = new InMemoryVectorStore();
        var notes = store.GetCollection<Guid, Note>("notes", Note.Definition(2));
        await notes.EnsureCollectionExistsAsync();
        var tags = new[] { "x" };
        var vector = new float[] { 1f, 0f };
        await notes.UpsertAsync(new Note { Id = A, Text = "t", Tags = tags, Vector = vector });

        tags[0] = "changed";
        vector[0] = -1f;
        var read = await notes.GetAsync(A, new RecordRetrievalOptions { IncludeVectors = true });
        read!.Tags[0] = "changed too";
        var again = await notes.GetAsync(A, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Equal(["x"], again!.Tags);
        Assert.Equal([1f, 0f], again.Vector.ToArray());
    }

    [Fact]
    public async Task Vectors_are_returned_only_when_asked()
    {
        var notes = await FilledAsync();

        var without = await notes.GetAsync(A);
        var with = await notes.GetAsync(A, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.True(without!.Vector.IsEmpty);
        Assert.Equal([1f, 0f], with!.Vector.ToArray());
    }

    [Fact]
    public async Task Filtered_get_orders_skips_and_takes()
    {
        var notes = await FilledAsync();

        var newestFirst = await notes.GetAsync(n => n.At > 0, 2, new() { OrderBy = o => o.Descending(n => n.At), Skip = 1 }).ToListAsync();
        var tagged = await notes.GetAsync(n => n.Tags.Contains("red"), 10).ToListAsync();

        Assert.Equal([B, A], newestFirst.Select(n => n.Id));
        Assert.Equal([A, C], tagged.Select(n => n.Id));
    }

    [Fact]
    public async Task A_filter_combining_lambdas_with_different_parameters_is_applied()
    {
        var notes = await FilledAsync();
        Expression<Func<Note, bool>> owner = n => n.Owner == "ann";
        Expression<Func<Note, bool>> recent = m => m.At >= 2;
        var both = Expression.Lambda<Func<Note, bool>>(Expression.AndAlso(owner.Body, recent.Body), owner.Parameters);

        var found = await notes.GetAsync(both, 10).ToListAsync();

        Assert.Equal([B], found.Select(n => n.Id));
    }

    [Fact]
    public async Task Delete_removes_the_record_and_deleting_the_collection_makes_operations_fail()
    {
        var store = new InMemoryVectorStore();
        var notes = await FilledAsync(store);

        await notes.DeleteAsync(A);
        var gone = await notes.GetAsync(A);
        await store.EnsureCollectionDeletedAsync("notes");

        Assert.Null(gone);
        Assert.False(await notes.CollectionExistsAsync());
        await Assert.ThrowsAsync<VectorStoreException>(() => notes.GetAsync(B));
        Assert.Empty(await store.ListCollectionNamesAsync().ToListAsync());
    }

    [Fact]
    public async Task A_vector_of_the_wrong_length_is_refused_and_nothing_is_stored()
    {
        var notes = await FilledAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => notes.UpsertAsync(new Note { Id = Guid.NewGuid(), Vector = new float[] { 1f, 2f, 3f } }));
        Assert.Throws<ArgumentException>(() => { _ = notes.SearchAsync(new ReadOnlyMemory<float>([1f]), 1).ToListAsync().AsTask().GetAwaiter().GetResult(); });
        Assert.Equal(3, (await notes.GetAsync(n => n.At >= 0, 10).ToListAsync()).Count);
    }

    [Fact]
    public async Task Guid_keys_are_generated_when_left_empty()
    {
        var notes = await FilledAsync();
        var note = new Note { Text = "new", Vector = new float[] { 0f, 1f } };

        await notes.UpsertAsync(note);

        Assert.NotEqual(Guid.Empty, note.Id);
        Assert.Equal("new", (await notes.GetAsync(note.Id))!.Text);
    }

    [Fact]
    public async Task A_dynamic_collection_with_a_string_vector_embeds_through_the_store_generator()
    {
        var generator = new ScriptedEmbeddingGenerator<string>(s => s.StartsWith("cat", StringComparison.Ordinal) ? [1f, 0f] : [0f, 1f]);
        var store = new InMemoryVectorStore(generator);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Key", typeof(string)),
                new VectorStoreDataProperty("Who", typeof(string)),
                new VectorStoreVectorProperty("Content", typeof(string), 2),
            ],
        };
        var rows = store.GetDynamicCollection("rows", definition);
        await rows.EnsureCollectionExistsAsync();
        await rows.UpsertAsync(
        [
            new Dictionary<string, object?> { ["Key"] = "1", ["Who"] = "ann", ["Content"] = "cats purr" },
            new Dictionary<string, object?> { ["Key"] = "2", ["Who"] = "ann", ["Content"] = "dogs bark" },
            new Dictionary<string, object?> { ["Key"] = "3", ["Who"] = "bob", ["Content"] = "cats again" },
        ]);

        var hits = await rows.SearchAsync("cat?", 2, new() { Filter = r => (string?)r["Who"] == "ann" }).ToListAsync();

        Assert.Equal(["1", "2"], hits.Select(h => (string?)h.Record["Key"]));
        Assert.Equal(1.0, hits[0].Score!.Value, 6);
    }

    [Fact]
    public void The_store_offers_no_keyword_search_and_no_other_capability()
    {
        var store = new InMemoryVectorStore();
        var notes = store.GetCollection<Guid, Note>("notes", Note.Definition(2));

        Assert.Null(notes.GetService(typeof(IKeywordHybridSearchable<Note>)));
        Assert.False(notes is IKeywordHybridSearchable<Note>);
        Assert.Null(store.GetService(typeof(IEmbeddingGenerator)));
        Assert.NotNull(store.GetService(typeof(VectorStoreMetadata)));
    }

    private static Task<VectorStoreCollection<Guid, Note>> FilledAsync() => FilledAsync(new InMemoryVectorStore());

    private static async Task<VectorStoreCollection<Guid, Note>> FilledAsync(InMemoryVectorStore store)
    {
        var notes = store.GetCollection<Guid, Note>("notes", Note.Definition(2));
        await notes.EnsureCollectionExistsAsync();
        await notes.UpsertAsync(
        [
            new Note { Id = A, Text = "a", Owner = "ann", At = 1, Tags = ["red"], Vector = new float[] { 1f, 0f } },
            new Note { Id = B, Text = "b", Owner = "ann", At = 2, Tags = ["blue"], Vector = new float[] { -1f, 0f } },
            new Note { Id = C, Text = "c", Owner = "bob", At = 3, Tags = ["red"], Vector = new float[] { 1f, 1f } },
        ]);
        return notes;
    }
}
