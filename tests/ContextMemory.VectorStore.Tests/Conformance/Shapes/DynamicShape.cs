using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>Records as <c>Dictionary&lt;string, object?&gt;</c> in a dynamic collection whose keys are <paramref name="keyType"/> values.</summary>
/// <param name="keyType">The stored key type.</param>
public sealed class DynamicShape(Type keyType) : RecordShape<object, Dictionary<string, object?>>(keyType)
{
    public override VectorStoreCollection<object, Dictionary<string, object?>> Collection(FaissVectorStore store, string name, Schema schema) =>
        store.GetDynamicCollection(name, schema.Definition());

    public override Dictionary<string, object?> Create(object key, Sample sample, bool twoVectors)
    {
        var record = CreateWithoutKey(sample, twoVectors);
        record["Key"] = key;
        return record;
    }

    public override Dictionary<string, object?> CreateWithoutKey(Sample sample, bool twoVectors)
    {
        var record = new Dictionary<string, object?>
        {
            ["Category"] = sample.Category,
            ["Number"] = sample.Number,
            ["Weight"] = sample.Weight,
            ["Tags"] = sample.Tags.ToArray(),
            ["Text"] = sample.Text,
            ["Embedding"] = new ReadOnlyMemory<float>(sample.Embedding),
        };
        if (twoVectors)
        {
            record["Alternate"] = sample.Alternate;
        }

        return record;
    }

    public override Dictionary<string, object?> WithEmbedding(object key, Sample sample, float[] embedding)
    {
        var record = Create(key, sample, twoVectors: false);
        record["Embedding"] = new ReadOnlyMemory<float>(embedding);
        return record;
    }

    public override object KeyOf(Dictionary<string, object?> record) => record["Key"]!;

    public override object? RawKeyOf(Dictionary<string, object?> record) => record.GetValueOrDefault("Key");

    public override RecordData DataOf(Dictionary<string, object?> record) => new(
        (string)record["Category"]!, (int)record["Number"]!, (double)record["Weight"]!, string.Join('|', (string[])record["Tags"]!), (string)record["Text"]!);

    public override ReadOnlyMemory<float>? EmbeddingOf(Dictionary<string, object?> record) =>
        record.GetValueOrDefault("Embedding") is ReadOnlyMemory<float> vector ? vector : (ReadOnlyMemory<float>?)null;

    public override float[]? AlternateOf(Dictionary<string, object?> record) => record.GetValueOrDefault("Alternate") as float[];

    public override Expression<Func<Dictionary<string, object?>, bool>> CategoryIs(string category) => r => (string)r["Category"]! == category;

    public override Expression<Func<Dictionary<string, object?>, bool>> NumberBelow(int bound) => r => (int)r["Number"]! < bound;

    public override Expression<Func<Dictionary<string, object?>, bool>> HasTag(string tag) => r => ((string[])r["Tags"]!).Contains(tag);

    public override Expression<Func<Dictionary<string, object?>, bool>> CategoryIsOrNumberAtLeast(string category, int bound) =>
        r => (string)r["Category"]! == category || (int)r["Number"]! >= bound;

    public override Expression<Func<Dictionary<string, object?>, bool>> KeyIn(IReadOnlyList<object> keys) => r => keys.Contains(r["Key"]);

    public override Expression<Func<Dictionary<string, object?>, object?>> KeySelector => r => r["Key"];

    public override Expression<Func<Dictionary<string, object?>, object?>> CategorySelector => r => r["Category"];

    public override Expression<Func<Dictionary<string, object?>, object?>> NumberSelector => r => r["Number"];

    public override Expression<Func<Dictionary<string, object?>, object?>> WeightSelector => r => r["Weight"];

    public override Expression<Func<Dictionary<string, object?>, object?>> EmbeddingSelector => r => r["Embedding"];

    public override Expression<Func<Dictionary<string, object?>, object?>> AlternateSelector => r => r["Alternate"];
}
