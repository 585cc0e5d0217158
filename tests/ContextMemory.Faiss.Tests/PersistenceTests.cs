using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

public sealed class PersistenceTests : IDisposable
{
    private const int K = 10;
    private readonly string _directory = Directory.CreateTempSubdirectory("cmf-persist-").FullName;

    public static TheoryData<string, FaissMetric> KindsAndMetrics
    {
        get
        {
            var data = new TheoryData<string, FaissMetric>();
            foreach (var kind in new[] { IndexKinds.Flat, IndexKinds.Hnsw, IndexKinds.IvfFlat, IndexKinds.Sq8, IndexKinds.Pq })
            {
                foreach (var metric in new[] { FaissMetric.L2, FaissMetric.Cosine, FaissMetric.InnerProduct })
                {
                    data.Add(kind, metric);
                }
            }

            return data;
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(KindsAndMetrics))]
    public void File_round_trip_keeps_results_metric_dimension_count_spec_and_user_data(string kind, FaissMetric metric)
    {
        var data = DataSets.Small;
        using var original = IndexKinds.Build(kind, data, metric);
        byte[] userData = [1, 2, 3, 250, 0, 7];
        var path = Path.Combine(_directory, $"{kind}-{metric}.cmf");
        original.Save(path, userData);

        (var loaded, var loadedUserData) = FaissIndex.Load(path);
        using (loaded)
        {
            AssertSameIndex(original, loaded, data);
            Assert.Equal(userData, loadedUserData.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndMetrics))]
    public void Buffer_round_trip_keeps_results_and_user_data(string kind, FaissMetric metric)
    {
        var data = DataSets.Small;
        using var original = IndexKinds.Build(kind, data, metric);
        var userData = "collection=notes"u8.ToArray();
        var bytes = original.ToBytes(userData);

        var result = FaissIndex.FromBytes(bytes);
        using (result.Index)
        {
            AssertSameIndex(original, result.Index, data);
            Assert.Equal(userData, result.UserData.ToArray());
        }
    }

    [Fact]
    public void Changed_search_defaults_survive_a_round_trip()
    {
        var data = DataSets.Small;
        using var hnsw = IndexKinds.Build(IndexKinds.Hnsw, data);
        hnsw.EfSearch = 123;
        using var ivf = IndexKinds.Build(IndexKinds.IvfFlat, data);
        ivf.NProbe = 5;

        using var hnswLoaded = FaissIndex.FromBytes(hnsw.ToBytes()).Index;
        using var ivfLoaded = FaissIndex.FromBytes(ivf.ToBytes()).Index;
        Assert.Equal(123, hnswLoaded.EfSearch);
        Assert.Equal(40, hnswLoaded.Spec.EfConstruction);
        Assert.Equal(5, ivfLoaded.NProbe);
        Assert.Equal(data.SearchLabels(ivf, K), data.SearchLabels(ivfLoaded, K));
    }

    [Fact]
    public void Peek_reads_header_and_user_data_without_touching_the_payload()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data, FaissMetric.Cosine);
        byte[] userData = [9, 8, 7];
        var path = Path.Combine(_directory, "peek.cmf");
        index.Save(path, userData);

        var info = FaissIndex.Peek(path);
        Assert.Equal(FaissMetric.Cosine, info.Metric);
        Assert.Equal(data.Dimension, info.Dimension);
        Assert.Equal(userData, info.UserData.ToArray());
        var payloadSize = info.PayloadSize;
        Assert.True(payloadSize >= (long)data.Count * data.Dimension * sizeof(float));

        // Damage the last payload byte: a full load must refuse it, a peek must not notice.
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Equal(payloadSize, FaissIndex.Peek(path).PayloadSize);
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(path));
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_no_temporary_files()
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(IndexKinds.Flat, data);
        var path = Path.Combine(_directory, "replace.cmf");
        File.WriteAllText(path, "old contents");
        index.Save(path, [1]);
        index.Save(path, [2]);

        Assert.Equal(new byte[] { 2 }, FaissIndex.Peek(path).UserData.ToArray());
        Assert.Equal(["replace.cmf"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Empty_index_and_empty_user_data_round_trip()
    {
        using var index = FaissIndex.Create(8, IndexSpec.Hnsw(16), FaissMetric.InnerProduct);
        (var loaded, var userData) = FaissIndex.FromBytes(index.ToBytes());
        using (loaded)
        {
            Assert.Equal(0, loaded.Count);
            Assert.Equal(16, loaded.Spec.M);
            Assert.Equal(FaissMetric.InnerProduct, loaded.Metric);
            Assert.True(userData.IsEmpty);
        }
    }

    [Fact]
    public void User_data_over_the_limit_is_rejected_and_the_limit_itself_is_accepted()
    {
        using var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        var largest = new byte[FaissIndex.MaxUserDataBytes];
        largest[^1] = 77;
        Assert.Equal(77, FaissIndex.FromBytes(index.ToBytes(largest)).UserData.Span[^1]);
        var ex = Assert.Throws<ArgumentException>(() => index.ToBytes(new byte[FaissIndex.MaxUserDataBytes + 1]));
        Assert.StartsWith(FaissErrors.UserDataTooLarge(FaissIndex.MaxUserDataBytes + 1, FaissIndex.MaxUserDataBytes), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        var path = Path.Combine(_directory, "absent.cmf");
        Assert.Throws<FileNotFoundException>(() => FaissIndex.Load(path));
        Assert.Throws<FileNotFoundException>(() => FaissIndex.Peek(path));
    }

    private static void AssertSameIndex(FaissIndex original, FaissIndex loaded, ClusteredData data)
    {
        Assert.Equal(original.Metric, loaded.Metric);
        Assert.Equal(original.Dimension, loaded.Dimension);
        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.Spec.Kind, loaded.Spec.Kind);
        Assert.Equal(original.Description, loaded.Description);
        Assert.Equal(original.Spec.EfSearch, loaded.Spec.EfSearch);
        Assert.Equal(original.Spec.NProbe, loaded.Spec.NProbe);
        Assert.Equal(original.SupportsRemove, loaded.SupportsRemove);

        var expectedDistances = new float[data.QueryCount * K];
        var expectedLabels = new long[data.QueryCount * K];
        original.Search(data.Queries, K, expectedDistances, expectedLabels);
        var distances = new float[data.QueryCount * K];
        var labels = new long[data.QueryCount * K];
        loaded.Search(data.Queries, K, distances, labels);
        Assert.Equal(expectedLabels, labels);
        Assert.Equal(expectedDistances, distances);
    }
}
