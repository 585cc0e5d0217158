using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore;

/// <summary>Options of one collection of a <see cref="FaissVectorStore"/>.</summary>
/// <remarks>Read when the collection object is created; later changes have no effect.</remarks>
public sealed class FaissCollectionOptions : VectorStoreCollectionOptions
{
    /// <summary>Creates options with the defaults.</summary>
    public FaissCollectionOptions()
    {
    }

    /// <summary>Creates a copy of <paramref name="source"/>.</summary>
    /// <param name="source">Options to copy; null for the defaults.</param>
    public FaissCollectionOptions(FaissCollectionOptions? source)
        : base(source)
    {
        Index = source?.Index;
    }

    /// <summary>Index settings of this collection; null uses the store's <see cref="FaissVectorStoreOptions.Index"/>.</summary>
    public FaissIndexOptions? Index { get; set; }
}
