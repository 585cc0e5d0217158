using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// Keys the store generates: Guid, long and int keys marked auto-generated get a new, unique value when a record
/// arrives with the default value; the value is written back onto the record. String keys cannot be generated.
/// </summary>
public sealed class KeyGenerationTests : IDisposable
{
    private static readonly IReadOnlyList<Sample> Samples = Sample.Generate(40, Schema.DefaultDimensions, seed: 5);
    private readonly TempStore _temp = new();

    public static TheoryData<string> GeneratedKeyTypes => ["long", "int", "Guid", "dynamic-long", "dynamic-Guid"];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(GeneratedKeyTypes))]
    public Task Generated_keys_are_written_back_unique_and_usable(string keyType) => keyType switch
    {
        "long" => AssertGeneratedAsync(new TypedShape<long>()),
        "int" => AssertGeneratedAsync(new TypedShape<int>()),
        "Guid" => AssertGeneratedAsync(new TypedShape<Guid>()),
        "dynamic-long" => AssertGeneratedAsync(new DynamicShape(typeof(long))),
        _ => AssertGeneratedAsync(new DynamicShape(typeof(Guid))),
    };

    [Fact]
    public async Task Generated_long_keys_never_collide_with_explicit_keys()
    {
        var shape = new TypedShape<long>();
        var collection = shape.Collection(_temp.Store, "mixed", new Schema(typeof(long), IndexKind.Flat, GeneratedKeys: true));
        await collection.EnsureCollectionExistsAsync();
        var explicitRecords = new[] { 1L, 2L, 1000L }.Select((k, i) => shape.Create(k, Samples[i], twoVectors: false)).ToList();
        await collection.UpsertAsync(explicitRecords);

        var generated = Enumerable.Range(3, 10).Select(i => shape.CreateWithoutKey(Samples[i], twoVectors: false)).ToList();
        await collection.UpsertAsync(generated);

        var keys = generated.Select(r => r.Key).ToList();
        Assert.DoesNotContain(0L, keys);
        Assert.Empty(keys.Intersect([1L, 2L, 1000L]));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(13, (await collection.GetAsync(r => true, 100).ToListAsync()).Count);
        foreach (var record in explicitRecords)
        {
            Assert.Equal(record.Category, (await collection.GetAsync(record.Key))!.Category);
        }
    }

    [Fact]
    public void A_generated_string_key_is_not_supported()
    {
        var schema = new Schema(typeof(string), IndexKind.Flat, GeneratedKeys: true);

        Assert.Throws<NotSupportedException>(() => new TypedShape<string>().Collection(_temp.Store, "strings", schema));
        Assert.Throws<NotSupportedException>(() => new DynamicShape(typeof(string)).Collection(_temp.Store, "strings", schema));
    }

    private async Task AssertGeneratedAsync<TKey, TRecord>(RecordShape<TKey, TRecord> shape)
        where TKey : notnull
        where TRecord : class
    {
        var collection = shape.Collection(_temp.Store, "generated", new Schema(shape.KeyType, IndexKind.Flat, GeneratedKeys: true));
        await collection.EnsureCollectionExistsAsync();
        var unset = TestKeys.Unset(shape.KeyType);

        var single = shape.CreateWithoutKey(Samples[0], twoVectors: false);
        await collection.UpsertAsync(single);
        var batch = Enumerable.Range(1, 20).Select(i => shape.CreateWithoutKey(Samples[i], twoVectors: false)).ToList();
        await collection.UpsertAsync(batch);
        var second = Enumerable.Range(21, 5).Select(i => shape.CreateWithoutKey(Samples[i], twoVectors: false)).ToList();
        await collection.UpsertAsync(second);

        var records = new[] { single }.Concat(batch).Concat(second).ToList();
        var keys = records.Select(shape.RawKeyOf).ToList();
        Assert.All(keys, k => Assert.IsType(shape.KeyType, k));
        Assert.DoesNotContain(unset, keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        for (var i = 0; i < records.Count; i++)
        {
            var stored = await collection.GetAsync(shape.KeyOf(records[i]));
            Assert.NotNull(stored);
            Assert.Equal(RecordData.Of(Samples[i]), shape.DataOf(stored));
        }

        var nearest = await collection.SearchAsync(Samples[7].Embedding, 1).ToListAsync();
        Assert.Equal(shape.KeyOf(batch[6]), shape.KeyOf(nearest[0].Record));

        // Upserting a record that now carries its generated key replaces it instead of adding another.
        await collection.UpsertAsync(shape.Create(shape.KeyOf(batch[0]), Samples[30], twoVectors: false));
        Assert.Equal(records.Count, (await collection.GetAsync(r => true, 100).ToListAsync()).Count);
        Assert.Equal(RecordData.Of(Samples[30]), shape.DataOf((await collection.GetAsync(shape.KeyOf(batch[0])))!));
    }
}
