using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Reliability.Protocol;

/// <summary>
/// The collection settings shared by the tests and their child processes: both sides must open a collection with
/// the same definition and index options, or the second opener would see a different plan.
/// </summary>
public static class ReliabilitySchema
{
    /// <summary>The collection the crash test's writer writes.</summary>
    public const string CrashCollection = "crash";

    /// <summary>Small thresholds, so a few hundred records cross every stage (Dynamic switch, IVF training, checkpoints).</summary>
    public static FaissIndexOptions IndexOptions { get; } = new()
    {
        DynamicThreshold = 150,
        TrainingThreshold = 120,
        CheckpointInterval = 100,
        RebuildRatio = 0.2,
    };

    public static FaissVectorStoreOptions StoreOptions(Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) => new()
    {
        Index = IndexOptions,
        LoggerFactory = loggerFactory,
    };

    public static VectorStoreCollectionDefinition Definition(string indexKind) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(ReliabilityRecord.Id), typeof(long)),
            new VectorStoreDataProperty(nameof(ReliabilityRecord.Version), typeof(long)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(ReliabilityRecord.Tag), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(ReliabilityRecord.Writer), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(ReliabilityRecord.Text), typeof(string)) { IsFullTextIndexed = true },
            new VectorStoreVectorProperty(nameof(ReliabilityRecord.Embedding), typeof(ReadOnlyMemory<float>), RecordFactory.Dimensions)
            {
                IndexKind = indexKind,
                DistanceFunction = DistanceFunction.EuclideanSquaredDistance,
            },
        ],
    };

    public static FaissCollection<long, ReliabilityRecord> Collection(FaissVectorStore store, string name, string indexKind) =>
        store.GetCollection<long, ReliabilityRecord>(name, new FaissCollectionOptions { Definition = Definition(indexKind) });
}
