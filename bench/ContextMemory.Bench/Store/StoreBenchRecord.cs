using Microsoft.Extensions.VectorData;

namespace ContextMemory.Bench.Store;

/// <summary>
/// The record the store benchmark writes: a key, two data properties (a short text and an indexed bucket used by the
/// filtered searches) and the vector. The schema comes from <see cref="Definition"/> because the dimensions and the
/// index kind vary per run.
/// </summary>
public sealed class StoreBenchRecord
{
    public long Id { get; set; }

    public string Text { get; set; } = string.Empty;

    public int Bucket { get; set; }

    public ReadOnlyMemory<float> Embedding { get; set; }

    public static VectorStoreCollectionDefinition Definition(int dimensions, string indexKind, bool fullText) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(long)),
            new VectorStoreDataProperty(nameof(Text), typeof(string)) { IsFullTextIndexed = fullText },
            new VectorStoreDataProperty(nameof(Bucket), typeof(int)) { IsIndexed = true },
            new VectorStoreVectorProperty(nameof(Embedding), typeof(ReadOnlyMemory<float>), dimensions)
            {
                IndexKind = indexKind,
                DistanceFunction = DistanceFunction.CosineSimilarity,
            },
        ],
    };
}
