using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ContextMemory.VectorStore.Tests.Support;

/// <summary>
/// Options that make every stage of every index kind reachable with little data: IVF and SQ8 train, and Dynamic
/// switches to HNSW, at <see cref="Threshold"/> vectors; filtered searches matching more than
/// <see cref="ExactSearchLimit"/> vectors go through the ANN index with an allow-list at the configured efSearch (the
/// adaptive filtered search, which would scan most of these small filters exactly, has tests of its own).
/// </summary>
public static class TestOptions
{
    /// <summary>The training and Dynamic switch threshold.</summary>
    public const int Threshold = 200;

    /// <summary>The filtered-search exact-scan limit.</summary>
    public const int ExactSearchLimit = 16;

    public static FaissIndexOptions Index(int threshold = Threshold, int exactSearchLimit = ExactSearchLimit, bool adaptFilteredSearch = false) => new()
    {
        HnswM = 16,
        HnswEfConstruction = 40,
        HnswEfSearch = 64,
        TrainingThreshold = threshold,
        DynamicThreshold = threshold,
        ExactSearchThreshold = exactSearchLimit,
        AdaptFilteredSearch = adaptFilteredSearch,
    };

    public static FaissVectorStoreOptions Store(
        FaissIndexOptions? index = null, ILoggerFactory? loggerFactory = null, IEmbeddingGenerator? embeddingGenerator = null) => new()
        {
            Index = index ?? Index(),
            LoggerFactory = loggerFactory,
            EmbeddingGenerator = embeddingGenerator,
            // Commits still reach the operating system before an operation returns (what a process crash needs); only the
            // flush to the device is deferred, which no test here observes.
            Durability = FaissStoreDurability.Normal,
        };
}
