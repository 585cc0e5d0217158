namespace ContextMemory.VectorStore.Failures;

/// <summary>Raised inside the store when an operation needs a collection that does not exist (any more).</summary>
internal sealed class CollectionMissingException : Exception
{
    public CollectionMissingException()
    {
    }

    public CollectionMissingException(string message)
        : base(message)
    {
    }

    public CollectionMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
