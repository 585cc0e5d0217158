namespace ContextMemory.Faiss.Tests;

public sealed class IndexSpecTests
{
    [Fact]
    public void Factory_methods_produce_the_faiss_descriptions_and_capabilities()
    {
        var flat = IndexSpec.Flat();
        Assert.Equal((FaissIndexKind.Flat, "Flat", false, true, true), (flat.Kind, flat.FactoryDescription, flat.RequiresTraining, flat.SupportsRemove, flat.SupportsSelector));

        var hnsw = IndexSpec.Hnsw(16, 80, 48);
        Assert.Equal((FaissIndexKind.Hnsw, "HNSW16", false, false, true), (hnsw.Kind, hnsw.FactoryDescription, hnsw.RequiresTraining, hnsw.SupportsRemove, hnsw.SupportsSelector));
        Assert.Equal((16, 80, 48), (hnsw.M, hnsw.EfConstruction, hnsw.EfSearch));

        var ivf = IndexSpec.IvfFlat(256, 12);
        Assert.Equal((FaissIndexKind.IvfFlat, "IVF256,Flat", true, true), (ivf.Kind, ivf.FactoryDescription, ivf.RequiresTraining, ivf.SupportsRemove));
        Assert.Equal((256, 12), (ivf.NList, ivf.NProbe));

        var sq = IndexSpec.ScalarQuantized8();
        Assert.Equal((FaissIndexKind.ScalarQuantized8, "SQ8", true, true), (sq.Kind, sq.FactoryDescription, sq.RequiresTraining, sq.SupportsRemove));

        var pq = IndexSpec.ProductQuantized(16, 6);
        Assert.Equal((FaissIndexKind.ProductQuantized, "PQ16x6np", true, false), (pq.Kind, pq.FactoryDescription, pq.RequiresTraining, pq.SupportsSelector));
        Assert.Equal((16, 6), (pq.M, pq.Bits));
    }

    [Theory]
    [InlineData("Flat", FaissIndexKind.Flat)]
    [InlineData("HNSW32", FaissIndexKind.Hnsw)]
    [InlineData("HNSW8,Flat", FaissIndexKind.Hnsw)]
    [InlineData("IVF100,Flat", FaissIndexKind.IvfFlat)]
    [InlineData("SQ8", FaissIndexKind.ScalarQuantized8)]
    [InlineData("PQ8np", FaissIndexKind.ProductQuantized)]
    [InlineData("PQ8x4np", FaissIndexKind.ProductQuantized)]
    [InlineData("PQ8x4", FaissIndexKind.Custom)]
    [InlineData("IVF64,PQ8x8", FaissIndexKind.Custom)]
    [InlineData("HNSW32,SQ8", FaissIndexKind.Custom)]
    [InlineData("LSH", FaissIndexKind.Custom)]
    public void Factory_maps_known_descriptions_to_their_kind(string description, FaissIndexKind kind)
    {
        Assert.Equal(kind, IndexSpec.Factory(description).Kind);
    }

    [Fact]
    public void Custom_specs_infer_training_and_removal_from_the_description()
    {
        Assert.True(IndexSpec.Factory("IVF64,PQ8x8").RequiresTraining);
        Assert.True(IndexSpec.Factory("IVF64,PQ8x8").SupportsRemove);
        Assert.False(IndexSpec.Factory("HNSW32,SQ8").SupportsRemove);
        Assert.False(IndexSpec.Factory("LSH").RequiresTraining);
    }

    [Fact]
    public void Factory_methods_validate_their_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.Hnsw(m: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.Hnsw(m: IndexSpec.MaxHnswM + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.Hnsw(efConstruction: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.Hnsw(efSearch: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.IvfFlat(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.IvfFlat(10, nprobe: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.ProductQuantized(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexSpec.ProductQuantized(8, bits: IndexSpec.MaxPqBits + 1));
        var ex = Assert.Throws<ArgumentException>(() => IndexSpec.Factory(new string('F', IndexSpec.MaxDescriptionLength + 1)));
        Assert.StartsWith(FaissErrors.DescriptionTooLong(IndexSpec.MaxDescriptionLength + 1, IndexSpec.MaxDescriptionLength), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_custom_description_fails_in_faiss_with_its_message()
    {
        var ex = Assert.Throws<FaissException>(() => FaissIndex.Create(16, IndexSpec.Factory("NoSuchIndex42"), FaissMetric.L2));
        Assert.Equal(FaissErrorCode.Faiss, ex.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void A_custom_description_builds_a_working_index()
    {
        var data = new Support.ClusteredData(2000, 16, centres: 10, queryCount: 5, seed: 4);
        using var index = FaissIndex.Create(16, IndexSpec.Factory("IVF16,SQ8"), FaissMetric.L2);
        Assert.False(index.IsTrained);
        index.Train(data.Vectors);
        index.Add(data.Vectors, data.Ids);
        Assert.Equal(data.Ids[7], index.Search(data.Vector(7), 1).Ids[0]);
    }
}
