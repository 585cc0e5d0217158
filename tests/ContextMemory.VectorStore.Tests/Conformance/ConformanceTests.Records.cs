using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <content>Get, upsert and delete by key.</content>
public abstract partial class ConformanceTests<TKey, TRecord>
{
    [Fact]
    public async Task Get_of_missing_key_returns_null()
    {
        var collection = await SeededAsync();

        Assert.Null(await collection.GetAsync(Shape.MissingKey));
        Assert.Null(await collection.GetAsync(Shape.MissingKey, new RecordRetrievalOptions { IncludeVectors = true }));
    }

    [Fact]
    public async Task Get_returns_the_stored_data_without_vectors_by_default()
    {
        var collection = await SeededAsync();

        foreach (var ordinal in new[] { 0, 1, SeedCount / 2, SeedCount - 1 })
        {
            var record = await collection.GetAsync(Shape.Key(ordinal));
            Assert.NotNull(record);
            Assert.Equal(Shape.Key(ordinal), Shape.KeyOf(record));
            Assert.Equal(RecordData.Of(SampleAt(ordinal)), Shape.DataOf(record));
            Assert.Null(Shape.EmbeddingOf(record));
        }
    }

    [Fact]
    public async Task Get_with_IncludeVectors_returns_the_exact_vectors()
    {
        var collection = await SeededAsync(twoVectors: true);

        foreach (var ordinal in new[] { 0, SeedCount - 1 })
        {
            var record = await collection.GetAsync(Shape.Key(ordinal), new RecordRetrievalOptions { IncludeVectors = true });
            Assert.NotNull(record);
            Assert.Equal(SampleAt(ordinal).Embedding, Shape.EmbeddingOf(record)!.Value.ToArray());
            Assert.Equal(SampleAt(ordinal).Alternate, Shape.AlternateOf(record));
        }
    }

    [Fact]
    public async Task Batch_get_returns_only_found_records_in_key_order_and_each_once()
    {
        var collection = await SeededAsync();
        TKey[] keys = [Shape.Key(17), Shape.MissingKey, Shape.Key(3), Shape.Key(17), Shape.Key(SeedCount - 1), Shape.Key(3)];

        var records = await ListAsync(collection.GetAsync(keys));

        Assert.Equal([Shape.Key(17), Shape.Key(3), Shape.Key(SeedCount - 1)], records.Select(Shape.KeyOf));
        Assert.Equal([RecordData.Of(SampleAt(17)), RecordData.Of(SampleAt(3)), RecordData.Of(SampleAt(SeedCount - 1))], records.Select(Shape.DataOf));
        Assert.Empty(await ListAsync(collection.GetAsync([Shape.MissingKey])));
        Assert.Empty(await ListAsync(collection.GetAsync([])));
    }

    [Fact]
    public async Task Batch_get_with_more_keys_than_one_query_holds_returns_them_all_in_order()
    {
        var collection = await SeededAsync();
        var keys = Enumerable.Range(0, SeedCount).Reverse().Select(Shape.Key).ToList();

        var records = await ListAsync(collection.GetAsync(keys, new RecordRetrievalOptions { IncludeVectors = true }));

        Assert.Equal(keys, records.Select(Shape.KeyOf));
        Assert.All(records, r => Assert.Equal(Truth[Shape.KeyOf(r)].Embedding, Shape.EmbeddingOf(r)!.Value.ToArray()));
    }

    [Fact]
    public async Task Upsert_inserts_a_new_record()
    {
        var collection = await SeededAsync();
        var key = Shape.Key(SeedCount + 1);
        var sample = ExtraSample(1);

        await collection.UpsertAsync(Shape.Create(key, sample, twoVectors: false));
        Truth.Upsert(key, sample);

        var stored = await collection.GetAsync(key, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(stored);
        Assert.Equal(RecordData.Of(sample), Shape.DataOf(stored));
        Assert.Equal(sample.Embedding, Shape.EmbeddingOf(stored)!.Value.ToArray());
        var nearest = await SearchAsync(collection, sample.Embedding, 1);
        Assert.Equal(key, Shape.KeyOf(Assert.Single(nearest).Record));
        await AssertContentsAsync(collection);
    }

    [Fact]
    public async Task Upsert_of_an_existing_key_replaces_data_and_vector_and_the_old_vector_is_no_longer_found()
    {
        var collection = await SeededAsync();
        var key = Shape.Key(42);
        var old = SampleAt(42);
        var replacement = Changed(old);

        await collection.UpsertAsync(Shape.Create(key, replacement, twoVectors: false));
        Truth.Upsert(key, replacement);

        var stored = await collection.GetAsync(key, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(stored);
        Assert.Equal(RecordData.Of(replacement), Shape.DataOf(stored));
        Assert.Equal(replacement.Embedding, Shape.EmbeddingOf(stored)!.Value.ToArray());
        AssertRanking(await SearchAsync(collection, old.Embedding, 10), OracleRanking(old.Embedding), 10);
        AssertRanking(await SearchAsync(collection, replacement.Embedding, 10), OracleRanking(replacement.Embedding), 10);
        Assert.Equal(key, Shape.KeyOf((await SearchAsync(collection, replacement.Embedding, 1))[0].Record));
        await AssertContentsAsync(collection);
    }

    [Fact]
    public async Task Upsert_of_the_same_vector_with_new_data_keeps_the_record_searchable_once()
    {
        var collection = await SeededAsync();
        var key = Shape.Key(8);
        var updated = SampleAt(8) with { Category = "updated", Number = 5000 };

        await collection.UpsertAsync(Shape.Create(key, updated, twoVectors: false));
        Truth.Upsert(key, updated);

        var results = await SearchAsync(collection, updated.Embedding, SeedCount);
        Assert.Single(results, r => Shape.KeyOf(r.Record).Equals(key));
        Assert.Equal(RecordData.Of(updated), Shape.DataOf(results[0].Record));
        AssertRanking(results, OracleRanking(updated.Embedding), SeedCount);
    }

    [Fact]
    public async Task Upsert_batch_inserts_and_replaces_together()
    {
        var collection = await SeededAsync();
        var batch = new List<TRecord>();
        for (var i = 0; i < 5; i++)
        {
            var key = Shape.Key(SeedCount + i);
            batch.Add(Shape.Create(key, ExtraSample(i), twoVectors: false));
            Truth.Upsert(key, ExtraSample(i));
            var replaced = Shape.Key(i * 10);
            var changed = Changed(Truth[replaced]);
            batch.Add(Shape.Create(replaced, changed, twoVectors: false));
            Truth.Upsert(replaced, changed);
        }

        await collection.UpsertAsync(batch);

        await AssertContentsAsync(collection);
        foreach (var key in new[] { Shape.Key(SeedCount + 2), Shape.Key(20) })
        {
            var query = Truth[key].Embedding;
            AssertRanking(await SearchAsync(collection, query, 5), OracleRanking(query), 5);
        }
    }

    [Fact]
    public async Task Upsert_batch_holding_the_same_key_twice_keeps_the_last_one()
    {
        var collection = await SeededAsync();
        var fresh = Shape.Key(SeedCount + 6);
        var existing = Shape.Key(12);
        var first = ExtraSample(6);
        var last = Changed(first);
        var existingLast = Changed(SampleAt(12));

        await collection.UpsertAsync(
        [
            Shape.Create(fresh, first, twoVectors: false),
            Shape.Create(existing, Changed(SampleAt(12)), twoVectors: false),
            Shape.Create(fresh, last, twoVectors: false),
            Shape.Create(existing, existingLast, twoVectors: false),
        ]);
        Truth.Upsert(fresh, last);
        Truth.Upsert(existing, existingLast);

        await AssertContentsAsync(collection);
        foreach (var query in new[] { first.Embedding, last.Embedding, existingLast.Embedding, SampleAt(12).Embedding })
        {
            AssertRanking(await SearchAsync(collection, query, 10), OracleRanking(query), 10);
        }
    }

    [Theory]
    [InlineData(InvalidRecord.ShortVector)]
    [InlineData(InvalidRecord.LongVector)]
    [InlineData(InvalidRecord.NaNComponent)]
    [InlineData(InvalidRecord.InfiniteComponent)]
    [InlineData(InvalidRecord.ZeroVectorUnderCosine)]
    [InlineData(InvalidRecord.MissingKey)]
    public async Task Upsert_batch_with_one_invalid_record_throws_and_writes_nothing(InvalidRecord invalid)
    {
        var collection = await SeededAsync();
        var replacedKey = Shape.Key(5);
        var replacement = Changed(SampleAt(5));
        var bad = ExtraSample(2);
        var badRecord = invalid switch
        {
            InvalidRecord.ShortVector => Shape.WithEmbedding(Shape.Key(SeedCount + 2), bad, bad.Embedding[..^1]),
            InvalidRecord.LongVector => Shape.WithEmbedding(Shape.Key(SeedCount + 2), bad, [.. bad.Embedding, 0.5f]),
            InvalidRecord.NaNComponent => Shape.WithEmbedding(Shape.Key(SeedCount + 2), bad, [.. bad.Embedding[..^1], float.NaN]),
            InvalidRecord.InfiniteComponent => Shape.WithEmbedding(Shape.Key(SeedCount + 2), bad, [float.PositiveInfinity, .. bad.Embedding[1..]]),
            InvalidRecord.ZeroVectorUnderCosine => Shape.WithEmbedding(Shape.Key(SeedCount + 2), bad, new float[Dimensions]),
            _ => Shape.CreateWithoutKey(bad, twoVectors: false),
        };
        List<TRecord> batch =
        [
            Shape.Create(Shape.Key(SeedCount), ExtraSample(0), twoVectors: false),
            Shape.Create(replacedKey, replacement, twoVectors: false),
            badRecord,
            Shape.Create(Shape.Key(SeedCount + 3), ExtraSample(3), twoVectors: false),
        ];

        await Assert.ThrowsAnyAsync<ArgumentException>(() => collection.UpsertAsync(batch));

        Assert.Null(await collection.GetAsync(Shape.Key(SeedCount)));
        Assert.Null(await collection.GetAsync(Shape.Key(SeedCount + 2)));
        Assert.Null(await collection.GetAsync(Shape.Key(SeedCount + 3)));
        await AssertContentsAsync(collection);
        var nearestToNew = await SearchAsync(collection, ExtraSample(0).Embedding, 5);
        AssertRanking(nearestToNew, OracleRanking(ExtraSample(0).Embedding), 5);
        var nearestToReplacement = await SearchAsync(collection, replacement.Embedding, 5);
        AssertRanking(nearestToReplacement, OracleRanking(replacement.Embedding), 5);
        Assert.Equal(SampleAt(5).Embedding, Shape.EmbeddingOf((await collection.GetAsync(replacedKey, new RecordRetrievalOptions { IncludeVectors = true }))!)!.Value.ToArray());
    }

    [Fact]
    public async Task Upsert_of_a_single_invalid_record_throws_and_writes_nothing()
    {
        var collection = await SeededAsync();
        var sample = ExtraSample(4);

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            collection.UpsertAsync(Shape.WithEmbedding(Shape.Key(SeedCount + 4), sample, [.. sample.Embedding[..^1], float.NegativeInfinity])));

        Assert.Null(await collection.GetAsync(Shape.Key(SeedCount + 4)));
        await AssertContentsAsync(collection);
    }

    [Fact]
    public async Task Upsert_of_an_empty_batch_does_nothing()
    {
        var collection = await SeededAsync();

        await collection.UpsertAsync([]);

        await AssertContentsAsync(collection);
    }

    [Fact]
    public async Task Delete_of_a_missing_key_is_not_an_error()
    {
        var collection = await SeededAsync();

        await collection.DeleteAsync(Shape.MissingKey);
        await collection.DeleteAsync([Shape.MissingKey, Shape.MissingKey]);

        await AssertContentsAsync(collection);
    }

    [Fact]
    public async Task Delete_removes_the_record_from_get_and_search()
    {
        var collection = await SeededAsync();
        var key = Shape.Key(77);
        var vector = Truth[key].Embedding;

        await collection.DeleteAsync(key);
        Truth.Delete(key);

        Assert.Null(await collection.GetAsync(key));
        var results = await SearchAsync(collection, vector, SeedCount);
        Assert.DoesNotContain(results, r => Shape.KeyOf(r.Record).Equals(key));
        AssertRanking(results, OracleRanking(vector), SeedCount);
        await AssertContentsAsync(collection);
    }

    [Fact]
    public async Task Batch_delete_removes_every_given_key_and_skips_missing_ones()
    {
        var collection = await SeededAsync();
        var keys = Enumerable.Range(0, SeedCount).Where(i => i % 3 == 0).Select(Shape.Key).Append(Shape.MissingKey).ToList();

        await collection.DeleteAsync(keys);
        foreach (var key in keys)
        {
            Truth.Delete(key);
        }

        Assert.Empty(await ListAsync(collection.GetAsync(keys)));
        await AssertContentsAsync(collection);
        foreach (var ordinal in new[] { 0, 3, 4 })
        {
            var query = SampleAt(ordinal).Embedding;
            AssertRanking(await SearchAsync(collection, query, 10), OracleRanking(query), 10);
        }
    }

    [Fact]
    public async Task Deleted_key_can_be_inserted_again()
    {
        var collection = await SeededAsync();
        var key = Shape.Key(9);
        var sample = Changed(SampleAt(9));

        await collection.DeleteAsync(key);
        await collection.UpsertAsync(Shape.Create(key, sample, twoVectors: false));
        Truth.Upsert(key, sample);

        Assert.Equal(RecordData.Of(sample), Shape.DataOf((await collection.GetAsync(key))!));
        AssertRanking(await SearchAsync(collection, sample.Embedding, 3), OracleRanking(sample.Embedding), 3);
        AssertRanking(await SearchAsync(collection, SampleAt(9).Embedding, 3), OracleRanking(SampleAt(9).Embedding), 3);
    }

    [Fact]
    public async Task Delete_by_filter_returns_the_count_and_removes_exactly_the_matching_records()
    {
        var collection = (FaissCollection<TKey, TRecord>)await SeededAsync();
        var filter = Shape.CategoryIsOrNumberAtLeast("beta", 90);
        var matches = filter.Compile();
        var expected = Truth.Entries.Where(e => matches(Shape.Create(e.Key, e.Sample, twoVectors: false))).Select(e => e.Key).ToList();
        Assert.InRange(expected.Count, 20, SeedCount - 20);

        var deleted = await collection.DeleteAsync(filter);

        Assert.Equal(expected.Count, deleted);
        foreach (var key in expected)
        {
            Truth.Delete(key);
        }

        await AssertContentsAsync(collection);
        Assert.Equal(0, await collection.DeleteAsync(filter));
        foreach (var query in new[] { Truth.Entries.First().Sample.Embedding, SampleAt(0).Embedding, NewVector() })
        {
            AssertRanking(await SearchAsync(collection, query, 20), OracleRanking(query), 20);
        }
    }
}
