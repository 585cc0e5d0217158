using ContextMemory.Faiss;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Indexing;

/// <summary>
/// What FAISS index a vector property should have at a given size: the IndexKind's stages (exact until
/// an ANN index pays off or can be trained, retraining as the collection grows) and the metric its
/// distance function maps to.
/// </summary>
internal sealed partial class IndexPlan
{
    /// <summary>Prefix of IndexKind values that carry a raw FAISS factory description.</summary>
    public const string FactoryPrefix = "faiss:";

    private const int RetrainGrowth = 4;
    private const int MinPointsPerList = 39;
    private readonly IndexSpec? _factorySpec;

    public IndexPlan(StoredVectorColumn column, FaissIndexOptions options)
    {
        Column = column;
        Options = options;
        Metric = MetricOf(column.DistanceFunction);
        if (column.IndexKind.StartsWith(FactoryPrefix, StringComparison.Ordinal))
        {
            _factorySpec = IndexSpec.Factory(column.IndexKind[FactoryPrefix.Length..]);
        }
    }

    public StoredVectorColumn Column { get; }

    public FaissIndexOptions Options { get; }

    public FaissMetric Metric { get; }

    public int Dimensions => Column.Dimensions;

    /// <summary>The FAISS metric behind a distance function; NotSupportedException for the others.</summary>
    public static FaissMetric MetricOf(string distanceFunction) => distanceFunction switch
    {
        DistanceFunction.CosineSimilarity or DistanceFunction.CosineDistance => FaissMetric.Cosine,
        DistanceFunction.DotProductSimilarity => FaissMetric.InnerProduct,
        DistanceFunction.EuclideanDistance or DistanceFunction.EuclideanSquaredDistance => FaissMetric.L2,
        _ => throw new NotSupportedException(VectorStoreErrors.UnsupportedDistanceFunction(distanceFunction)),
    };

    /// <summary>Checks an IndexKind value for a vector property when a collection is constructed.</summary>
    /// <exception cref="NotSupportedException">The kind is unknown, or a factory description FAISS cannot build for
    /// these dimensions and this metric.</exception>
    public static void ValidateIndexKind(string indexKind, int dimensions, string distanceFunction)
    {
        switch (indexKind)
        {
            case IndexKind.Flat or IndexKind.Hnsw or IndexKind.IvfFlat or IndexKind.QuantizedFlat or IndexKind.Dynamic:
                return;
            default:
                if (indexKind.StartsWith(FactoryPrefix, StringComparison.Ordinal))
                {
                    ValidateFactory(indexKind, dimensions, MetricOf(distanceFunction));
                    return;
                }

                throw new NotSupportedException(VectorStoreErrors.UnsupportedIndexKind(indexKind));
        }
    }

    /// <summary>
    /// Builds an empty index from the description (in memory, no data): only FAISS's own factory parser knows every
    /// description it accepts, and a description it rejects must fail here, not after the collection is created.
    /// </summary>
    private static void ValidateFactory(string indexKind, int dimensions, FaissMetric metric)
    {
        try
        {
            using var probe = FaissIndex.Create(dimensions, IndexSpec.Factory(indexKind[FactoryPrefix.Length..]), metric);
        }
        catch (Exception ex) when (ex is FaissException or ArgumentException)
        {
            throw new NotSupportedException(VectorStoreErrors.UnsupportedIndexKind(indexKind), ex);
        }
    }

    /// <summary>
    /// The spec the index should have when it holds <paramref name="count"/> live vectors, given the spec it has
    /// now and the count it was trained at. Returns <paramref name="current"/> when no change is due.
    /// </summary>
    public IndexSpec Target(long count, IndexSpec? current, long trainedAt)
    {
        switch (Column.IndexKind)
        {
            case IndexKind.Flat:
                return Keep(current, IndexSpec.Flat());
            case IndexKind.Hnsw:
                return Keep(current, Hnsw());
            case IndexKind.Dynamic:
                return count >= Options.DynamicThreshold || current?.Kind == FaissIndexKind.Hnsw
                    ? Keep(current, Hnsw())
                    : Keep(current, IndexSpec.Flat());
            case IndexKind.IvfFlat:
                return Trained(count, current, trainedAt, () => Ivf(count));
            case IndexKind.QuantizedFlat:
                return Trained(count, current, trainedAt, IndexSpec.ScalarQuantized8);
            default:
                return _factorySpec!.RequiresTraining
                    ? Trained(count, current, trainedAt, () => _factorySpec)
                    : Keep(current, _factorySpec);
        }
    }

    /// <summary>Below this fraction of the vectors allowed by a filter, efSearch grows in inverse proportion to it.</summary>
    public const double FullEfFraction = 0.25;

    /// <summary>The efSearch for a search of <paramref name="k"/> results (HNSW needs at least k).</summary>
    public int EfSearchFor(int k) => Math.Max(Options.HnswEfSearch, k);

    /// <summary>
    /// The efSearch for a search of <paramref name="k"/> results among the <paramref name="allowedFraction"/> of the vectors
    /// an allow-list admits (see <see cref="FaissIndexOptions.AdaptFilteredSearch"/>): below <see cref="FullEfFraction"/>,
    /// <see cref="EfSearchFor(int)"/> scaled by FullEfFraction / allowedFraction.
    /// </summary>
    public int EfSearchFor(int k, double allowedFraction)
    {
        var ef = EfSearchFor(k);
        if (!Options.AdaptFilteredSearch || allowedFraction >= FullEfFraction || allowedFraction <= 0)
        {
            return ef;
        }

        return (int)Math.Min(int.MaxValue, Math.Ceiling(ef * FullEfFraction / allowedFraction));
    }

    private IndexSpec Trained(long count, IndexSpec? current, long trainedAt, Func<IndexSpec> trained)
    {
        var isTrainedStage = current is not null && current.Kind != FaissIndexKind.Flat;
        if (count < Options.TrainingThreshold)
        {
            // Keep a trained index once built: shrinking below the threshold does not make it worse.
            return isTrainedStage ? current! : Keep(current, IndexSpec.Flat());
        }

        if (!isTrainedStage || count >= RetrainGrowth * Math.Max(1, trainedAt))
        {
            return trained();
        }

        return current!;
    }

    private IndexSpec Hnsw() => IndexSpec.Hnsw(Options.HnswM, Options.HnswEfConstruction, Options.HnswEfSearch);

    private IndexSpec Ivf(long count)
    {
        var nlist = Options.IvfNList > 0
            ? Options.IvfNList
            : (int)Math.Clamp(Math.Round(4 * Math.Sqrt(count)), 1, Math.Max(1, count / MinPointsPerList));
        nlist = (int)Math.Min(nlist, Math.Max(1, count));
        return IndexSpec.IvfFlat(nlist, NProbeFor(nlist));
    }

    /// <summary>
    /// The lists an IVF index probes per search: <see cref="FaissIndexOptions.IvfNProbe"/>, or max(8, nlist / 8), at most
    /// nlist. Applies to IvfFlat and to IVF factory descriptions alike (FAISS's own default probes a single list); null
    /// for other kinds.
    /// </summary>
    public int? NProbeFor(IndexSpec spec)
    {
        var nlist = spec.Kind switch
        {
            FaissIndexKind.IvfFlat => spec.NList,
            FaissIndexKind.Custom when IvfLists().Match(spec.FactoryDescription) is { Success: true } match
                && int.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var lists) => lists,
            _ => 0,
        };
        return nlist > 0 ? NProbeFor(nlist) : null;
    }

    private int NProbeFor(int nlist) =>
        Options.IvfNProbe > 0 ? Math.Min(Options.IvfNProbe, nlist) : Math.Min(nlist, Math.Max(8, nlist / 8));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|,)IVF(\d+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IvfLists();

    private static IndexSpec Keep(IndexSpec? current, IndexSpec wanted) =>
        current is not null && current.FactoryDescription == wanted.FactoryDescription && current.Kind == wanted.Kind ? current : wanted;
}
