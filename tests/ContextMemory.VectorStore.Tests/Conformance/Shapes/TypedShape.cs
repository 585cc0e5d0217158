using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>Records as <see cref="ConformanceRecord{TKey}"/> instances.</summary>
/// <typeparam name="TKey">long, int, string or Guid.</typeparam>
public sealed class TypedShape<TKey>() : RecordShape<TKey, ConformanceRecord<TKey>>(typeof(TKey))
    where TKey : notnull
{
    public override VectorStoreCollection<TKey, ConformanceRecord<TKey>> Collection(FaissVectorStore store, string name, Schema schema) =>
        store.GetCollection<TKey, ConformanceRecord<TKey>>(name, schema.Definition());

    public override ConformanceRecord<TKey> Create(TKey key, Sample sample, bool twoVectors) => new()
    {
        Key = key,
        Category = sample.Category,
        Number = sample.Number,
        Weight = sample.Weight,
        Tags = [.. sample.Tags],
        Text = sample.Text,
        Embedding = sample.Embedding,
        Alternate = twoVectors ? sample.Alternate : null,
    };

    public override ConformanceRecord<TKey> CreateWithoutKey(Sample sample, bool twoVectors)
    {
        var record = Create(default!, sample, twoVectors);
        record.Key = (TKey)TestKeys.Unset(KeyType)!;
        return record;
    }

    public override ConformanceRecord<TKey> WithEmbedding(TKey key, Sample sample, float[] embedding)
    {
        var record = Create(key, sample, twoVectors: false);
        record.Embedding = embedding;
        return record;
    }

    public override TKey KeyOf(ConformanceRecord<TKey> record) => record.Key;

    public override object? RawKeyOf(ConformanceRecord<TKey> record) => record.Key;

    public override RecordData DataOf(ConformanceRecord<TKey> record) =>
        new(record.Category, record.Number, record.Weight, string.Join('|', record.Tags), record.Text);

    public override ReadOnlyMemory<float>? EmbeddingOf(ConformanceRecord<TKey> record) => record.Embedding;

    public override float[]? AlternateOf(ConformanceRecord<TKey> record) => record.Alternate;

    public override Expression<Func<ConformanceRecord<TKey>, bool>> CategoryIs(string category) => r => r.Category == category;

    public override Expression<Func<ConformanceRecord<TKey>, bool>> NumberBelow(int bound) => r => r.Number < bound;

    public override Expression<Func<ConformanceRecord<TKey>, bool>> HasTag(string tag) => r => r.Tags.Contains(tag);

    public override Expression<Func<ConformanceRecord<TKey>, bool>> CategoryIsOrNumberAtLeast(string category, int bound) =>
        r => r.Category == category || r.Number >= bound;

    public override Expression<Func<ConformanceRecord<TKey>, bool>> KeyIn(IReadOnlyList<TKey> keys) => r => keys.Contains(r.Key);

    public override Expression<Func<ConformanceRecord<TKey>, object?>> KeySelector => r => r.Key;

    public override Expression<Func<ConformanceRecord<TKey>, object?>> CategorySelector => r => r.Category;

    public override Expression<Func<ConformanceRecord<TKey>, object?>> NumberSelector => r => r.Number;

    public override Expression<Func<ConformanceRecord<TKey>, object?>> WeightSelector => r => r.Weight;

    public override Expression<Func<ConformanceRecord<TKey>, object?>> EmbeddingSelector => r => r.Embedding;

    public override Expression<Func<ConformanceRecord<TKey>, object?>> AlternateSelector => r => r.Alternate;
}
