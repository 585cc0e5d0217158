namespace ContextMemory.Faiss.Tests.Support;

/// <summary>The index kinds every conformance test runs against, and how to build a populated one.</summary>
public static class IndexKinds
{
    public const string Flat = "Flat";
    public const string Hnsw = "HNSW";
    public const string IvfFlat = "IVF";
    public const string Sq8 = "SQ8";
    public const string Pq = "PQ";

    public static TheoryData<string> All => new() { Flat, Hnsw, IvfFlat, Sq8, Pq };

    public static TheoryData<string> Removable => new() { Flat, IvfFlat, Sq8, Pq };

    public static TheoryData<string> Filterable => new() { Flat, Hnsw, IvfFlat, Sq8 };

    /// <summary>Specs sized for the test data: nlist ~ sqrt(N); PQ with 4 dims per sub-quantizer and codes small enough that the data trains them (39 points per centroid).</summary>
    public static IndexSpec Spec(string kind, int count, int dimension) => kind switch
    {
        Flat => IndexSpec.Flat(),
        Hnsw => IndexSpec.Hnsw(m: 32, efConstruction: 40, efSearch: 64),
        IvfFlat => IndexSpec.IvfFlat(nlist: Math.Max(4, (int)Math.Sqrt(count)), nprobe: 16),
        Sq8 => IndexSpec.ScalarQuantized8(),
        Pq => IndexSpec.ProductQuantized(m: dimension / 4, bits: count >= 10_000 ? 8 : 6),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Creates, trains (on the data itself) and fills an index of the given kind.</summary>
    public static FaissIndex Build(string kind, ClusteredData data, FaissMetric metric = FaissMetric.L2)
    {
        var index = FaissIndex.Create(data.Dimension, Spec(kind, data.Count, data.Dimension), metric);
        try
        {
            if (index.Spec.RequiresTraining)
            {
                index.Train(data.Vectors);
            }

            index.Add(data.Vectors, data.Ids);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}
