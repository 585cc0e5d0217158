using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore;

/// <summary>
/// How the FAISS indexes of a collection are built, searched, checkpointed and compacted. Set once on
/// <see cref="FaissVectorStoreOptions.Index"/> for every collection, or per collection on
/// <see cref="FaissCollectionOptions.Index"/>.
/// </summary>
/// <remarks>Treat an instance as immutable once a store or collection uses it.</remarks>
public sealed class FaissIndexOptions
{
    /// <summary>The defaults.</summary>
    public static FaissIndexOptions Default { get; } = new();

    /// <summary>HNSW neighbours per node (FAISS <c>M</c>); more is more exact, bigger and slower to build. Default 32.</summary>
    public int HnswM { get; init; } = 32;

    /// <summary>
    /// HNSW candidate list size while building. Default 64: at least the 2 x <see cref="HnswM"/> links a node gets on the
    /// bottom layer. With 40, a graph built from batches of 1,000 (as writes build it) reached recall@10 0.887 at efSearch
    /// 64 on 100k x 1536 clustered vectors; with 64, 0.993.
    /// </summary>
    public int HnswEfConstruction { get; init; } = 64;

    /// <summary>HNSW candidate list size while searching (raised to the requested result count when lower). Default 64.</summary>
    public int HnswEfSearch { get; init; } = 64;

    /// <summary>IVF lists; 0 chooses about 4 x sqrt(n), capped so every list gets at least 39 training points. Default 0.</summary>
    public int IvfNList { get; init; }

    /// <summary>IVF lists probed per search; 0 chooses max(8, nlist / 8). Default 0.</summary>
    public int IvfNProbe { get; init; }

    /// <summary>
    /// Vectors needed before an IVF (or another trained) index is trained; until then the collection is searched
    /// exactly. The index is retrained when the collection has grown four-fold since training. Default 4,096.
    /// </summary>
    public int TrainingThreshold { get; init; } = 4096;

    /// <summary>Vectors at which a <c>Dynamic</c> index switches from exact (Flat) to HNSW. Default 1,000.</summary>
    public int DynamicThreshold { get; init; } = 1000;

    /// <summary>
    /// A filtered search whose filter matches at most this many vectors is answered by an exact scan of just
    /// those vectors instead of the ANN index. Default 4,096.
    /// </summary>
    public int ExactSearchThreshold { get; init; } = 4096;

    /// <summary>
    /// Whether a filtered HNSW search adapts to the fraction of the vectors its filter allows. The graph walk passes
    /// through the excluded vectors, so with a fixed efSearch recall drops as filters get more selective (at 100k x 384 and
    /// efSearch 64: recall@10 0.93 with a tenth allowed, 0.55 with a twenty-fifth). When true (the default), below a quarter
    /// allowed efSearch grows in inverse proportion to the fraction (0.987 with a tenth allowed, at 2.3 times the time),
    /// and the allowed vectors are scanned exactly instead when that costs less. When false, every search uses
    /// <see cref="HnswEfSearch"/>.
    /// </summary>
    public bool AdaptFilteredSearch { get; init; } = true;

    /// <summary>
    /// Vector changes after which the index is checkpointed to disk again (bounds the replay work at open). Default 20,000.
    /// A checkpoint rewrites the whole index, so a large index waits for at least a quarter of its size in changes: the
    /// rewriting stays a constant share of the ingest work, and the replay after a crash a bounded share of a rebuild.
    /// </summary>
    public int CheckpointInterval { get; init; } = 20_000;

    /// <summary>
    /// Share of deleted-but-still-indexed vectors at which an index that cannot remove vectors (HNSW) is rebuilt
    /// in the background; indexes that can remove purge them sooner. Default 0.2.
    /// </summary>
    public double RebuildRatio { get; init; } = 0.2;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(HnswM, 2, nameof(HnswM));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HnswM, 256, nameof(HnswM));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HnswEfConstruction, nameof(HnswEfConstruction));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HnswEfSearch, nameof(HnswEfSearch));
        ArgumentOutOfRangeException.ThrowIfNegative(IvfNList, nameof(IvfNList));
        ArgumentOutOfRangeException.ThrowIfNegative(IvfNProbe, nameof(IvfNProbe));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingThreshold, 1, nameof(TrainingThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(DynamicThreshold, 1, nameof(DynamicThreshold));
        ArgumentOutOfRangeException.ThrowIfNegative(ExactSearchThreshold, nameof(ExactSearchThreshold));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CheckpointInterval, nameof(CheckpointInterval));
        if (!(RebuildRatio > 0 && RebuildRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RebuildRatio), RebuildRatio, VectorStoreErrors.RebuildRatioRange);
        }
    }
}
