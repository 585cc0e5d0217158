using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <content>Vector search.</content>
public abstract partial class ConformanceTests<TKey, TRecord>
{
    [Fact]
    public async Task Search_returns_the_top_nearest_records_with_their_scores()
    {
        var collection = await SeededAsync();

        foreach (var query in new[] { NewVector(), NewVector(), SampleAt(11).Embedding })
        {
            AssertRanking(await SearchAsync(collection, query, 10), OracleRanking(query), 10);
        }

        var self = await SearchAsync(collection, SampleAt(11).Embedding, 1);
        Assert.Equal(Shape.Key(11), Shape.KeyOf(self[0].Record));
        Assert.Equal(RecordData.Of(SampleAt(11)), Shape.DataOf(self[0].Record));
        Assert.Equal(1.0, self[0].Score!.Value, Kind.ToleranceFor(1));
    }

    [Fact]
    public async Task Search_with_top_above_the_record_count_returns_every_record_once()
    {
        var collection = await SeededAsync();
        var query = NewVector();

        var results = await SearchAsync(collection, query, SeedCount + 50);

        AssertRanking(results, OracleRanking(query), SeedCount + 50);
        Assert.Equal(SeedCount, results.Count);
    }

    [Fact]
    public async Task Search_with_skip_returns_the_next_page_of_the_same_ranking()
    {
        var collection = await SeededAsync();
        var query = NewVector();
        var oracle = OracleRanking(query);

        var first = await SearchAsync(collection, query, 7);
        var second = await SearchAsync(collection, query, 7, new VectorSearchOptions<TRecord> { Skip = 7 });
        var last = await SearchAsync(collection, query, 7, new VectorSearchOptions<TRecord> { Skip = SeedCount - 3 });
        var beyond = await SearchAsync(collection, query, 7, new VectorSearchOptions<TRecord> { Skip = SeedCount });

        AssertRanking(first, oracle, 7);
        AssertRanking(second, oracle, 7, skip: 7);
        AssertRanking(last, oracle, 7, skip: SeedCount - 3);
        Assert.Empty(beyond);
        Assert.Empty(first.Select(r => Shape.KeyOf(r.Record)).Intersect(second.Select(r => Shape.KeyOf(r.Record))));
    }

    [Fact]
    public async Task Search_on_an_empty_collection_returns_nothing()
    {
        var collection = await EmptyAsync();

        Assert.Empty(await SearchAsync(collection, NewVector(), 5));
        Assert.Empty(await SearchAsync(collection, NewVector(), 5, new VectorSearchOptions<TRecord> { Filter = Shape.CategoryIs("alpha") }));
    }

    [Fact]
    public async Task Search_with_a_filter_returns_the_nearest_among_the_matching_records_only()
    {
        var collection = await SeededAsync();
        var filters = new[]
        {
            Shape.CategoryIs(Sample.RareCategory),
            Shape.HasTag(Sample.RareTag),
            Shape.CategoryIs("beta"),
            Shape.NumberBelow(90),
            Shape.CategoryIsOrNumberAtLeast("gamma", 50),
        };

        foreach (var filter in filters)
        {
            var oracle = OracleRanking(SampleAt(1).Embedding, filter);
            Assert.NotEmpty(oracle);
            foreach (var query in new[] { SampleAt(1).Embedding, NewVector() })
            {
                var expected = OracleRanking(query, filter);
                var results = await SearchAsync(collection, query, 10, new VectorSearchOptions<TRecord> { Filter = filter });
                AssertRanking(results, expected, 10);
                var paged = await SearchAsync(collection, query, 10, new VectorSearchOptions<TRecord> { Filter = filter, Skip = 3 });
                AssertRanking(paged, expected, 10, skip: 3);
            }
        }
    }

    [Fact]
    public async Task Search_with_a_filter_matching_nothing_returns_nothing()
    {
        var collection = await SeededAsync();

        Assert.Empty(await SearchAsync(collection, NewVector(), 10, new VectorSearchOptions<TRecord> { Filter = Shape.CategoryIs("no such category") }));
    }

    [Fact]
    public async Task Search_filter_sees_replaced_and_deleted_records_as_they_are_now()
    {
        var collection = await SeededAsync();
        var rareKeys = Truth.Entries.Where(e => e.Sample.Category == Sample.RareCategory).Select(e => e.Key).ToList();
        Assert.True(rareKeys.Count >= 3);
        await collection.DeleteAsync(rareKeys[0]);
        Truth.Delete(rareKeys[0]);
        var moved = Shape.Key(100);
        var movedSample = SampleAt(100) with { Category = Sample.RareCategory };
        await collection.UpsertAsync(Shape.Create(moved, movedSample, twoVectors: false));
        Truth.Upsert(moved, movedSample);
        var query = NewVector();

        var results = await SearchAsync(collection, query, 10, new VectorSearchOptions<TRecord> { Filter = Shape.CategoryIs(Sample.RareCategory) });

        AssertRanking(results, OracleRanking(query, Shape.CategoryIs(Sample.RareCategory)), 10);
        Assert.Contains(results, r => Shape.KeyOf(r.Record).Equals(moved));
        Assert.DoesNotContain(results, r => Shape.KeyOf(r.Record).Equals(rareKeys[0]));
    }

    [Fact]
    public async Task Search_leaves_vectors_unset_unless_IncludeVectors_is_true()
    {
        var collection = await SeededAsync(twoVectors: true);
        var query = SampleAt(2).Embedding;

        var without = await SearchAsync(collection, query, 5, new VectorSearchOptions<TRecord> { VectorProperty = Shape.EmbeddingSelector });
        var with = await SearchAsync(collection, query, 5, new VectorSearchOptions<TRecord> { VectorProperty = Shape.EmbeddingSelector, IncludeVectors = true });

        Assert.All(without, r => Assert.Null(Shape.EmbeddingOf(r.Record)));
        Assert.All(without, r => Assert.Null(Shape.AlternateOf(r.Record)));
        Assert.Equal(without.Select(r => Shape.KeyOf(r.Record)), with.Select(r => Shape.KeyOf(r.Record)));
        Assert.All(with, r =>
        {
            var sample = Truth[Shape.KeyOf(r.Record)];
            Assert.Equal(sample.Embedding, Shape.EmbeddingOf(r.Record)!.Value.ToArray());
            Assert.Equal(sample.Alternate, Shape.AlternateOf(r.Record));
            Assert.Equal(RecordData.Of(sample), Shape.DataOf(r.Record));
        });
    }

    [Fact]
    public async Task Search_uses_the_vector_property_chosen_by_VectorProperty()
    {
        var collection = await SeededAsync(twoVectors: true);
        var query = NewVector();

        var byEmbedding = await SearchAsync(collection, query, 8, new VectorSearchOptions<TRecord> { VectorProperty = Shape.EmbeddingSelector });
        var byAlternate = await SearchAsync(collection, query, 8, new VectorSearchOptions<TRecord> { VectorProperty = Shape.AlternateSelector });
        var filtered = await SearchAsync(collection, query, 8, new VectorSearchOptions<TRecord> { VectorProperty = Shape.AlternateSelector, Filter = Shape.CategoryIs("beta") });

        AssertRanking(byEmbedding, OracleRanking(query), 8);
        AssertRanking(byAlternate, OracleRanking(query, alternate: true), 8);
        AssertRanking(filtered, OracleRanking(query, Shape.CategoryIs("beta"), alternate: true), 8);
        var self = await SearchAsync(collection, SampleAt(30).Alternate, 1, new VectorSearchOptions<TRecord> { VectorProperty = Shape.AlternateSelector });
        Assert.Equal(Shape.Key(30), Shape.KeyOf(self[0].Record));
    }

    [Fact]
    public async Task Search_without_VectorProperty_on_a_record_with_two_vectors_throws()
    {
        var collection = await SeededAsync(twoVectors: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => SearchAsync(collection, NewVector(), 3));
    }

    [Fact]
    public async Task Search_accepts_ReadOnlyMemory_array_and_Embedding_inputs_alike()
    {
        var collection = await SeededAsync();
        var query = NewVector();
        var oracle = OracleRanking(query);

        var fromArray = await SearchAsync(collection, query, 6);
        var fromMemory = await SearchAsync(collection, new ReadOnlyMemory<float>(query), 6);
        var fromEmbedding = await SearchAsync(collection, new Embedding<float>(query), 6);

        AssertRanking(fromArray, oracle, 6);
        Assert.Equal(fromArray.Select(r => (Shape.KeyOf(r.Record), r.Score)), fromMemory.Select(r => (Shape.KeyOf(r.Record), r.Score)));
        Assert.Equal(fromArray.Select(r => (Shape.KeyOf(r.Record), r.Score)), fromEmbedding.Select(r => (Shape.KeyOf(r.Record), r.Score)));
    }

    [Fact]
    public async Task Search_with_a_string_and_no_embedding_generator_throws_NotSupportedException()
    {
        var collection = await SeededAsync();

        await Assert.ThrowsAsync<NotSupportedException>(() => SearchAsync(collection, "a text", 3));
    }

    [Theory]
    [MemberData(nameof(ConformanceData.InvalidQueries), MemberType = typeof(ConformanceData))]
    public async Task Search_with_an_invalid_vector_throws_ArgumentException(string invalid)
    {
        var collection = await SeededAsync();
        var vector = NewVector();
        var query = invalid switch
        {
            "short" => vector[..^1],
            "long" => [.. vector, 1f],
            "nan" => [.. vector[..^1], float.NaN],
            "positive-infinity" => [float.PositiveInfinity, .. vector[1..]],
            "negative-infinity" => [.. vector[..5], float.NegativeInfinity, .. vector[6..]],
            _ => new float[Dimensions],
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => SearchAsync(collection, query, 3));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => SearchAsync(collection, new ReadOnlyMemory<float>(query), 3));
    }

    [Fact]
    public async Task Search_with_top_below_one_throws_ArgumentOutOfRangeException()
    {
        var collection = await SeededAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SearchAsync(collection, NewVector(), 0));
    }
}
