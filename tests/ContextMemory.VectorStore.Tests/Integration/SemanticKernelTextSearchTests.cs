using System.Numerics.Tensors;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;

namespace ContextMemory.VectorStore.Tests.Integration;

/// <summary>
/// The store inside Semantic Kernel: a collection behind <see cref="VectorStoreTextSearch{TRecord}"/> as a kernel
/// plugin, and the store behind <see cref="TextSearchStore{TKey}"/>. A scripted word-overlap generator plays the model.
/// </summary>
public sealed class SemanticKernelTextSearchTests : IDisposable
{
    private static readonly Snippet[] Snippets =
    [
        Snippet.Of("tea", "ada drinks green tea every morning before work"),
        Snippet.Of("cat", "the cat called mittens sleeps on the warm windowsill"),
        Snippet.Of("bike", "grace rides her red bike to the office on sunny days"),
        Snippet.Of("garden", "tomatoes and beans grow in the garden behind the house"),
        Snippet.Of("train", "the night train to vienna leaves at ten past nine"),
        Snippet.Of("piano", "linus practises the piano for an hour after dinner"),
    ];

    private readonly TempStore _temp = new(TestOptions.Store(embeddingGenerator: ScriptedEmbeddingGenerator.Words(Snippet.Dimensions)));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Text_search_plugin_invoked_through_the_kernel_returns_the_nearest_records_of_the_store()
    {
        var collection = await SeedAsync();
        var kernel = new Kernel();
        kernel.Plugins.Add(new VectorStoreTextSearch<Snippet>(collection).CreateWithGetTextSearchResults("Snippets"));

        const string Query = "green tea for ada and for mittens the cat";
        var result = await kernel.InvokeAsync("Snippets", "GetTextSearchResults", new KernelArguments { ["query"] = Query, ["count"] = 2 });

        var results = Assert.IsAssignableFrom<IEnumerable<TextSearchResult>>(result.GetValue<object>()).ToArray();
        Assert.Equal(ExpectedTitles(Query, 2), results.Select(r => r.Name));
        Assert.Equal("tea", results[0].Name);
        Assert.Equal(Snippets.Single(s => s.Title == "tea").Text, results[0].Value);
        Assert.Equal("https://example.test/tea", results[0].Link);
    }

    [Fact]
    public async Task Text_search_plugin_keeps_working_after_the_store_is_reopened()
    {
        await SeedAsync();
        var collection = _temp.Reopen().GetCollection<Guid, Snippet>("snippets");
        var kernel = new Kernel();
        kernel.Plugins.Add(new VectorStoreTextSearch<Snippet>(collection).CreateWithSearch("Snippets"));

        const string Query = "which train leaves for vienna tonight";
        var result = await kernel.InvokeAsync("Snippets", "Search", new KernelArguments { ["query"] = Query, ["count"] = 1 });

        var texts = Assert.IsAssignableFrom<IEnumerable<string>>(result.GetValue<object>()).ToArray();
        Assert.Equal(["train"], ExpectedTitles(Query, 1));
        Assert.Equal(Snippets.Single(s => s.Title == "train").Text, Assert.Single(texts));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text_search_store_upserts_chunks_and_finds_them_again_after_a_reopen(bool hybrid)
    {
        var chunks = Snippets.Select(s => s.Text).ToArray();
        var options = new TextSearchStoreOptions { UseHybridSearch = hybrid };
        using (var textStore = new TextSearchStore<string>(_temp.Store, "chunks", Snippet.Dimensions, options))
        {
            await textStore.UpsertTextAsync(chunks);
        }

        using var reopened = new TextSearchStore<string>(_temp.Reopen(), "chunks", Snippet.Dimensions, options);
        var kernel = new Kernel();
        kernel.Plugins.Add(reopened.CreateWithSearch("Chunks"));
        const string Query = "tomatoes growing in the garden";
        var result = await kernel.InvokeAsync("Chunks", "Search", new KernelArguments { ["query"] = Query, ["count"] = 3 });

        var texts = Assert.IsAssignableFrom<IEnumerable<string>>(result.GetValue<object>()).ToArray();
        Assert.Equal(3, texts.Length);
        Assert.Equal(Snippets.Single(s => s.Title == "garden").Text, texts[0]);
        Assert.All(texts, t => Assert.Contains(t, chunks));
        Assert.Equal(3, texts.Distinct().Count());
    }

    private async Task<VectorStoreCollection<Guid, Snippet>> SeedAsync()
    {
        var collection = _temp.Store.GetCollection<Guid, Snippet>("snippets");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Snippets.Select(s => Snippet.Of(s.Title, s.Text)));
        return collection;
    }

    /// <summary>
    /// The titles of the snippets nearest to <paramref name="query"/>, by exact cosine over the generator's vectors; the
    /// query must rank them without ties down to one place past <paramref name="count"/>, or the expectation is ambiguous.
    /// </summary>
    private static string[] ExpectedTitles(string query, int count)
    {
        var q = ScriptedEmbeddingGenerator.WordCounts(query, Snippet.Dimensions);
        var ranked = Snippets
            .Select(s => (s.Title, Score: TensorPrimitives.CosineSimilarity(q, ScriptedEmbeddingGenerator.WordCounts(s.Text, Snippet.Dimensions))))
            .OrderByDescending(r => r.Score)
            .ToArray();
        for (var i = 0; i < count; i++)
        {
            Assert.True(ranked[i].Score > ranked[i + 1].Score + 1e-4, $"the test query ties places {i} and {i + 1}");
        }

        return [.. ranked.Take(count).Select(r => r.Title)];
    }
}
