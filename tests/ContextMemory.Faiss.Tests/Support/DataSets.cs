namespace ContextMemory.Faiss.Tests.Support;

/// <summary>Data shared by the test classes, generated once per test run from fixed seeds.</summary>
public static class DataSets
{
    private static readonly Lazy<ClusteredData> RecallData = new(() => new ClusteredData(20_000, 64, centres: 100, queryCount: 200, seed: 1234));
    private static readonly Lazy<ClusteredData> SmallData = new(() => new ClusteredData(3_000, 32, centres: 30, queryCount: 50, seed: 99));

    /// <summary>20k x 64, 100 centres, 200 queries: the recall data.</summary>
    public static ClusteredData Recall => RecallData.Value;

    /// <summary>3k x 32, 30 centres, 50 queries: quick functional checks.</summary>
    public static ClusteredData Small => SmallData.Value;
}
