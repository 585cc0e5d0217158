namespace ContextMemory.VectorData.Tests.Support;

/// <summary>A provider-style collection options class.</summary>
public sealed class TestCollectionOptions : VectorStoreCollectionOptions
{
    public TestCollectionOptions()
    {
    }

    public TestCollectionOptions(TestCollectionOptions? source)
        : base(source)
    {
    }
}
