using System.Numerics.Tensors;
using ContextMemory.Embeddings.Onnx;
using ContextMemory.Embeddings.Tests.Support;
using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.Onnx;

[Collection(LocalModelsGroup.Name)]
public sealed class GeneratorBehaviourTests(LocalModels models)
{
    [Theory]
    [InlineData(OnnxEmbeddingModel.ArcticEmbedXs)]
    [InlineData(OnnxEmbeddingModel.MiniLmL6)]
    public async Task A_batch_gives_the_same_vectors_as_one_text_at_a_time(OnnxEmbeddingModel model)
    {
        var generator = models.For(model);
        var batch = await generator.EmbedAllAsync(Corpus.Plain);
        for (var i = 0; i < Corpus.Plain.Length; i++)
        {
            var single = await generator.EmbedAsync(Corpus.Plain[i]);
            Assert.True(Vectors.MaxAbsDifference(batch[i], single) <= 1e-5f, Corpus.Plain[i]);
        }
    }

    [Fact]
    public async Task Results_keep_the_input_order_although_batches_are_sorted_by_length()
    {
        using var small = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { MaxBatchSize = 2 });
        string[] texts = ["a much longer sentence about the quarterly report and its many figures", "cat", "my new kitten sleeps", "x"];
        var together = await small.EmbedAllAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.MaxAbsDifference(together[i], await models.Arctic.EmbedAsync(texts[i])) <= 1e-5f, texts[i]);
        }
    }

    [Fact]
    public async Task No_texts_give_no_embeddings_and_an_empty_text_gets_a_unit_vector()
    {
        Assert.Empty(await models.Arctic.GenerateAsync([]));
        var empty = await models.Arctic.EmbedAsync(string.Empty);
        Assert.Equal(384, empty.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(empty), 1e-4f);
    }

    [Fact]
    public async Task A_text_longer_than_the_token_budget_is_truncated_so_its_end_does_not_matter()
    {
        var head = string.Join(' ', Enumerable.Repeat("the cat sat on the mat", 200));
        var first = await models.Arctic.EmbedAsync(head + " and then it rained all day in the old city");
        var second = await models.Arctic.EmbedAsync(head + " stock prices collapsed after the quarterly report");
        Assert.True(Vectors.MaxAbsDifference(first, second) <= 1e-6f);
    }

    [Fact]
    public async Task A_smaller_token_budget_truncates_earlier()
    {
        using var short16 = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { MaxTokens = 16 });
        const string Head = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        var a = await short16.EmbedAsync(Head + " cats and dogs");
        var b = await short16.EmbedAsync(Head + " quarterly report");
        var full = await models.Arctic.EmbedAsync(Head + " cats and dogs");
        Assert.True(Vectors.MaxAbsDifference(a, b) <= 1e-6f);
        Assert.True(Vectors.MaxAbsDifference(a, full) > 1e-3f);
    }

    public static readonly TheoryData<string> HostileTexts = new()
    {
        "nul \0 inside \0\0",
        "\u0001\u0002\u001b[31mcontrol\u007f\u0085",
        "emoji 😀🐈‍⬛👩🏽‍💻 and flags 🇵🇹",
        "العربية نص من اليمين إلى اليسار",
        "עברית \u202Eoverride\u202C mixed",
        "lone surrogate \uD800 here and \uDC00 there",
        "[CLS] [SEP] [PAD] [MASK] [UNK] injected",
        "漢字とかなの混在テキスト",
        new string('a', 100_000),
        string.Concat(Enumerable.Repeat("🙂", 50_000)),
        "\r\n\t   \u00A0\u2028\u2029",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task Hostile_text_gets_a_finite_unit_vector(string text)
    {
        foreach (var generator in new[] { models.Arctic, models.MiniLm })
        {
            var vector = await generator.EmbedAsync(text);
            Assert.Equal(384, vector.Length);
            Assert.All(vector, v => Assert.True(float.IsFinite(v)));
            Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-3f);
        }
    }

    [Fact]
    public async Task Special_token_names_in_text_are_text_not_structure()
    {
        // "[SEP]" in a text must not end the sequence early: what follows it still changes the vector.
        var a = await models.Arctic.EmbedAsync("hello [SEP] cats");
        var b = await models.Arctic.EmbedAsync("hello [SEP] quarterly report");
        Assert.True(Vectors.MaxAbsDifference(a, b) > 1e-3f);
    }

    [Fact]
    public async Task A_null_text_is_refused_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => models.Arctic.GenerateAsync(["ok", null!]));
        Assert.StartsWith(OnnxEmbeddingErrors.NullText, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_call_before_any_work()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => models.Arctic.GenerateAsync(["a", "b"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Cancelling_during_a_large_batch_stops_it_and_the_generator_stays_usable()
    {
        using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { MaxBatchSize = 4 });
        var texts = Enumerable.Range(0, 4000).Select(i => $"memory number {i} about a cat and a quarterly report").ToArray();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(texts, cancellationToken: cancel.Token));

        // 4,000 texts take far longer than this on the test machines; stopping early proves the cancellation was honoured.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"cancellation took {started.Elapsed}");
        Assert.Equal(384, (await generator.EmbedAsync("still works")).Length);
    }

    [Fact]
    public async Task Using_a_disposed_generator_throws_ObjectDisposedException()
    {
        var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { Model = OnnxEmbeddingModel.MiniLmL6 });
        generator.Dispose();
        generator.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["after dispose"]));
    }

    [Fact]
    public async Task Disposing_during_a_call_ends_it_with_ObjectDisposedException_or_lets_it_finish()
    {
        var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { MaxBatchSize = 2 });
        var call = generator.GenerateAsync([.. Enumerable.Range(0, 400).Select(i => $"text {i}")]);
        await Task.Delay(100);
        generator.Dispose();
        try
        {
            Assert.Equal(400, (await call).Count);
        }
        catch (ObjectDisposedException)
        {
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["after"]));
    }

    [Fact]
    public async Task Concurrent_calls_from_many_threads_get_the_right_vectors()
    {
        var expected = await models.MiniLm.EmbedAllAsync(Corpus.Plain);
        var calls = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            var index = i % Corpus.Plain.Length;
            return (index, vector: await models.MiniLm.EmbedAsync(Corpus.Plain[index]));
        }));
        foreach (var (index, vector) in await Task.WhenAll(calls))
        {
            Assert.True(Vectors.MaxAbsDifference(expected[index], vector) <= 1e-5f);
        }
    }

    [Theory]
    [InlineData(OnnxEmbeddingModel.ArcticEmbedXs, "snowflake-arctic-embed-xs")]
    [InlineData(OnnxEmbeddingModel.MiniLmL6, "all-MiniLM-L6-v2")]
    public void Metadata_reports_the_provider_a_stable_model_id_and_384_dimensions(OnnxEmbeddingModel model, string id)
    {
        var metadata = models.For(model).GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal(OnnxEmbeddingGenerator.ProviderName, metadata.ProviderName);
        Assert.Equal(id, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(models.For(model), models.For(model).GetService<OnnxEmbeddingGenerator>());
        Assert.Null(models.For(model).GetService<EmbeddingGeneratorMetadata>("key"));
    }

    [Fact]
    public async Task Unnormalised_vectors_are_the_raw_pooled_states_in_the_same_direction()
    {
        using var raw = new OnnxEmbeddingGenerator(new OnnxEmbeddingGeneratorOptions { Normalize = false });
        var unnormalised = await raw.EmbedAsync(Corpus.Plain[0]);
        var normalised = await models.Arctic.EmbedAsync(Corpus.Plain[0]);
        Assert.True(MathF.Abs(TensorPrimitives.Norm(unnormalised) - 1f) > 0.01f);
        Assert.Equal(1f, Vectors.Cosine(unnormalised, normalised), 1e-5f);
    }

    [Fact]
    public void Out_of_range_options_are_refused_with_their_messages()
    {
        AssertRefused(new() { MaxBatchSize = 0 }, OnnxEmbeddingErrors.MaxBatchSizeRange(0));
        AssertRefused(new() { MaxBatchSize = int.MaxValue }, OnnxEmbeddingErrors.MaxBatchSizeRange(int.MaxValue));
        AssertRefused(new() { IntraOpThreads = -1 }, OnnxEmbeddingErrors.IntraOpThreadsRange(-1));
        AssertRefused(new() { ConcurrentBatches = -1 }, OnnxEmbeddingErrors.ConcurrentBatchesRange(-1));
        AssertRefused(new() { MaxTokens = 1 }, OnnxEmbeddingErrors.MaxTokensRange(1, 512));
        AssertRefused(new() { MaxTokens = 513 }, OnnxEmbeddingErrors.MaxTokensRange(513, 512));
        AssertRefused(new() { Model = (OnnxEmbeddingModel)42 }, OnnxEmbeddingErrors.UnknownModel((OnnxEmbeddingModel)42));
    }

    private static void AssertRefused(OnnxEmbeddingGeneratorOptions options, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxEmbeddingGenerator(options));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
