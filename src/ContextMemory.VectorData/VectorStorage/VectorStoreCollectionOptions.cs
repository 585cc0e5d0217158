using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData;

/// <summary>
/// Base class for the options a provider's collection is constructed with.
/// </summary>
/// <remarks>
/// A provider derives its own collection options from this class, and keeps store-wide settings (including a store-wide
/// embedding generator) in a separate store options class. Not thread-safe to mutate; a collection reads it once.
/// </remarks>
public abstract class VectorStoreCollectionOptions
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreCollectionOptions"/> class.
    /// </summary>
    protected VectorStoreCollectionOptions()
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreCollectionOptions"/> class as a copy of <paramref name="source"/>.
    /// </summary>
    /// <param name="source">The options to copy, or <see langword="null"/> for defaults.</param>
    protected VectorStoreCollectionOptions(VectorStoreCollectionOptions? source)
    {
        Definition = source?.Definition;
        EmbeddingGenerator = source?.EmbeddingGenerator;
    }

    /// <summary>
    /// Gets or sets the schema of the records. When <see langword="null"/>, the schema is read from attributes on the record type
    /// (<see cref="VectorStoreKeyAttribute"/>, <see cref="VectorStoreDataAttribute"/>, <see cref="VectorStoreVectorAttribute"/>);
    /// when set, it is merged with them and wins where both describe a property.
    /// </summary>
    public VectorStoreCollectionDefinition? Definition { get; set; }

    /// <summary>
    /// Gets or sets the embedding generator for vector properties that have none on the property or the definition.
    /// It takes precedence over the store options' generator.
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }
}
