namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>Theory data of the conformance tests.</summary>
public static class ConformanceData
{
    /// <summary>Every record operation of a collection.</summary>
    public static TheoryData<string> RecordOperations =>
        ["Get", "GetBatch", "GetFiltered", "Upsert", "UpsertBatch", "Delete", "DeleteBatch", "DeleteFiltered", "Search", "HybridSearch"];

    /// <summary>Ways a search vector can be invalid.</summary>
    public static TheoryData<string> InvalidQueries =>
        ["short", "long", "nan", "positive-infinity", "negative-infinity", "zero-under-cosine"];
}
