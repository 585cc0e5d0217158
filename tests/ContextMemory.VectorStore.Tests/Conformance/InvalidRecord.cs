namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>Ways a record in an upsert batch can be invalid.</summary>
public enum InvalidRecord
{
    ShortVector,
    LongVector,
    NaNComponent,
    InfiniteComponent,
    ZeroVectorUnderCosine,
    MissingKey,
}
