using System.Diagnostics.Metrics;
using ContextMemory.Embeddings.Caching;
using ContextMemory.Embeddings.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace ContextMemory.Embeddings.Tests.Caching;

public sealed class PersistentCacheTests : IDisposable
{
    private readonly TemporaryDirectories _directories = new("cm-embeddings-tests", Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools);
    private readonly string _path;

    public PersistentCacheTests() => _path = Path.Combine(_directories.New(), "nested", "cache.db");

    public void Dispose() => _directories.Dispose();

    [Fact]
    public async Task A_batch_sends_only_missing_distinct_texts_to_the_inner_generator_in_one_call()
    {
        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var cache = new PersistentCachingEmbeddingGenerator(inner, _path);
        await cache.GenerateAsync(["cached"]);

        var result = await cache.GenerateAsync(["a", "b", "a", "cached", "b"]);

        Assert.Equal(2, inner.Calls.Count);
        Assert.Equal(new[] { "a", "b" }, inner.Calls[1]);
        string[] expected = ["a", "b", "a", "cached", "b"];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(ScriptedModels.Vector(expected[i]), result[i].Vector.ToArray());
        }

        Assert.Equal((1L, 3L), (cache.Statistics.Hits, cache.Statistics.Misses));
    }

    [Fact]
    public async Task A_fully_cached_batch_does_not_call_the_inner_generator()
    {
        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var cache = new PersistentCachingEmbeddingGenerator(inner, _path);
        await cache.GenerateAsync(["x", "y"]);
        await cache.GenerateAsync(["y", "x", "y"]);
        Assert.Single(inner.Calls);
        Assert.Empty(await cache.GenerateAsync([]));
        Assert.Single(inner.Calls);
    }

    [Fact]
    public async Task The_real_model_embeds_nothing_again_after_a_restart()
    {
        string[] texts = ["I adopted a cat", "my new kitten", "the quarterly report", "I adopted a cat"];
        float[][] first;
        using (var model = new CountingEmbeddingGenerator(new ContextMemory.Embeddings.Onnx.OnnxEmbeddingGenerator(), ownsInner: true))
        using (var cache = new PersistentCachingEmbeddingGenerator(model, _path))
        {
            first = await cache.EmbedAllAsync(texts);
            Assert.Equal(3, model.TextsEmbedded);
        }

        SqliteConnection.ClearAllPools();
        using var restarted = new CountingEmbeddingGenerator(new ContextMemory.Embeddings.Onnx.OnnxEmbeddingGenerator(), ownsInner: true);
        using var reopened = new PersistentCachingEmbeddingGenerator(restarted, _path);
        var second = await reopened.EmbedAllAsync(texts);

        Assert.Equal(0, restarted.TextsEmbedded);
        Assert.Equal(4, reopened.Statistics.Hits);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public async Task The_input_kind_is_part_of_the_key()
    {
        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var cache = new PersistentCachingEmbeddingGenerator(inner, _path);

        await cache.GenerateAsync(["same text"], EmbeddingInputKind.ForDocument());
        await cache.GenerateAsync(["same text"], EmbeddingInputKind.ForQuery());
        await cache.GenerateAsync(["same text"]);
        await cache.GenerateAsync(["same text"], EmbeddingInputKind.ForQuery());

        // The query is a separate entry; an unmarked text is a document.
        Assert.Equal(2, inner.TextsEmbedded);
        Assert.Equal(2, cache.CountEntries());
        Assert.Equal((2L, 2L), (cache.Statistics.Hits, cache.Statistics.Misses));
    }

    [Fact]
    public async Task The_model_and_dimensions_are_part_of_the_key()
    {
        var first = new CountingEmbeddingGenerator(ScriptedModels.Create("model-a", 8));
        var second = new CountingEmbeddingGenerator(ScriptedModels.Create("model-b", 8));
        var wider = new CountingEmbeddingGenerator(ScriptedModels.Create("model-a", 16));
        using var a = new PersistentCachingEmbeddingGenerator(first, _path);
        using var b = new PersistentCachingEmbeddingGenerator(second, _path);
        using var c = new PersistentCachingEmbeddingGenerator(wider, _path);

        await a.GenerateAsync(["shared"]);
        await b.GenerateAsync(["shared"]);
        var wide = await c.EmbedAsync("shared");
        await a.GenerateAsync(["shared"]);

        Assert.Equal((1, 1, 1), (first.TextsEmbedded, second.TextsEmbedded, wider.TextsEmbedded));
        Assert.Equal(16, wide.Length);
        Assert.Equal(3, a.CountEntries());
    }

    [Fact]
    public async Task Hits_and_misses_are_published_on_the_meter()
    {
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EmbeddingCacheStatistics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        using var cache = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), _path);
        var marker = Guid.NewGuid().ToString();
        await cache.GenerateAsync([marker, marker + "2"]);
        await cache.GenerateAsync([marker]);

        // Other tests publish on the same meter concurrently, so the totals are at least this run's counts.
        Assert.True(measured.GetValueOrDefault("contextmemory.embeddings.cache.misses") >= 2);
        Assert.True(measured.GetValueOrDefault("contextmemory.embeddings.cache.hits") >= 1);
        Assert.Equal((1L, 2L), (cache.Statistics.Hits, cache.Statistics.Misses));
    }

    [Fact]
    public async Task A_garbage_file_is_moved_aside_and_rebuilt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.WriteAllBytesAsync(_path, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);

        using var cache = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), _path);
        var vector = await cache.EmbedAsync("after rebuild");

        Assert.Equal(ScriptedModels.Vector("after rebuild"), vector);
        Assert.Equal(1, cache.Statistics.Rebuilds);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(_path)!, "cache.db.damaged-*"));
        Assert.Equal(1, cache.CountEntries());
    }

    [Fact]
    public async Task An_emptied_file_becomes_a_fresh_cache()
    {
        using (var cache = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), _path))
        {
            await cache.GenerateAsync(["one", "two"]);
        }

        SqliteConnection.ClearAllPools();
        File.Delete(_path + "-wal");
        File.Delete(_path + "-shm");
        await File.WriteAllBytesAsync(_path, []);

        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var reopened = new PersistentCachingEmbeddingGenerator(inner, _path);
        Assert.Equal(ScriptedModels.Vector("one"), await reopened.EmbedAsync("one"));
        Assert.Equal(1, inner.TextsEmbedded);
        Assert.Equal(0, reopened.Statistics.Rebuilds);
    }

    [Fact]
    public async Task A_truncated_file_is_detected_and_rebuilt()
    {
        using (var cache = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(dimensions: 384), _path))
        {
            await cache.GenerateAsync([.. Enumerable.Range(0, 500).Select(i => $"text {i}")]);
        }

        SqliteConnection.ClearAllPools();
        Checkpoint(_path);
        var bytes = await File.ReadAllBytesAsync(_path);
        await File.WriteAllBytesAsync(_path, bytes[..(bytes.Length / 3)]);

        using var reopened = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(dimensions: 384), _path);
        var vectors = await reopened.EmbedAllAsync(["text 1", "text 499"]);

        Assert.Equal(ScriptedModels.Vector("text 499", 384), vectors[1]);
        Assert.Equal(1, reopened.Statistics.Rebuilds);
    }

    [Fact]
    public async Task A_damaged_entry_is_never_returned_but_embedded_again_and_replaced()
    {
        using (var cache = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), _path))
        {
            await cache.GenerateAsync(["flipped", "shortened", "intact"]);
        }

        SqliteConnection.ClearAllPools();

        // Every stored vector gets one flipped bit: the checksums must catch it.
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT key, vector FROM embeddings";
            var rows = new List<(byte[] Key, byte[] Vector)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(((byte[])reader[0], (byte[])reader[1]));
                }
            }

            Assert.Equal(3, rows.Count);
            foreach (var (key, vector) in rows)
            {
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE embeddings SET vector = $v WHERE key = $k";
                update.Parameters.AddWithValue("$k", key);
                var damaged = (byte[])vector.Clone();
                damaged[5] ^= 0x40;
                update.Parameters.AddWithValue("$v", damaged);
                update.ExecuteNonQuery();
            }
        }

        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var reopened = new PersistentCachingEmbeddingGenerator(inner, _path);
        var vectors = await reopened.EmbedAllAsync(["flipped", "shortened", "intact"]);

        Assert.Equal(3, inner.TextsEmbedded);
        Assert.Equal(3, reopened.Statistics.InvalidEntries);
        Assert.Equal(ScriptedModels.Vector("flipped"), vectors[0]);

        var again = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var repaired = new PersistentCachingEmbeddingGenerator(again, _path);
        await repaired.GenerateAsync(["flipped", "shortened", "intact"]);
        Assert.Equal(0, again.TextsEmbedded);
    }

    [Fact]
    public async Task A_vector_of_the_wrong_length_in_the_file_is_rejected()
    {
        using (var cache = new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), _path))
        {
            await cache.GenerateAsync(["short"]);
        }

        Execute(_path, "UPDATE embeddings SET vector = substr(vector, 1, 16), dimensions = 4");
        var inner = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var reopened = new PersistentCachingEmbeddingGenerator(inner, _path);
        Assert.Equal(8, (await reopened.EmbedAsync("short")).Length);
        Assert.Equal(1, inner.TextsEmbedded);
    }

    [Fact]
    public void Another_applications_database_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        Execute(_path, "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('alice');");
        var before = File.ReadAllBytes(_path);

        var error = Assert.Throws<EmbeddingConfigurationException>(() => new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), _path));

        Assert.Equal(EmbeddingErrors.CacheFileForeign(Path.GetFullPath(_path)), error.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(_path));
    }

    [Fact]
    public void A_directory_or_unusable_path_is_refused()
    {
        var directory = _directories.New();
        var error = Assert.Throws<ArgumentException>(() => new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), directory));
        Assert.StartsWith(EmbeddingErrors.CachePathIsDirectory(directory), error.Message, StringComparison.Ordinal);
        var nul = Path.Combine(directory, "bad\0name.db");
        error = Assert.Throws<ArgumentException>(() => new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), nul));
        Assert.StartsWith(EmbeddingErrors.CachePathInvalid(nul), error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new PersistentCachingEmbeddingGenerator(ScriptedModels.Create(), "  "));
    }

    [Fact]
    public void An_inner_generator_without_model_metadata_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PersistentCachingEmbeddingGenerator(new NoMetadataGenerator(), _path));
        Assert.StartsWith(EmbeddingErrors.CacheNeedsModelMetadata, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_threads_and_two_instances_share_one_file()
    {
        var innerA = new CountingEmbeddingGenerator(ScriptedModels.Create());
        var innerB = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var a = new PersistentCachingEmbeddingGenerator(innerA, _path);
        using var b = new PersistentCachingEmbeddingGenerator(innerB, _path);
        var work = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var generator = i % 2 == 0 ? a : b;
            var texts = Enumerable.Range(0, 50).Select(j => $"text {(i * 7 + j) % 120}").ToArray();
            var vectors = await generator.EmbedAllAsync(texts);
            for (var j = 0; j < texts.Length; j++)
            {
                Assert.Equal(ScriptedModels.Vector(texts[j]), vectors[j]);
            }
        }));
        await Task.WhenAll(work);

        Assert.Equal(120, a.CountEntries());
        Assert.Equal(0, a.Statistics.Errors + b.Statistics.Errors);
        var late = new CountingEmbeddingGenerator(ScriptedModels.Create());
        using var reader = new PersistentCachingEmbeddingGenerator(late, _path);
        await reader.GenerateAsync([.. Enumerable.Range(0, 120).Select(j => $"text {j}")]);
        Assert.Equal(0, late.TextsEmbedded);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Checkpoint(string path) => Execute(path, "PRAGMA wal_checkpoint(TRUNCATE);");

    private sealed class NoMetadataGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
