namespace ContextMemory.VectorData;

/// <summary>
/// Describes a <see cref="VectorStoreCollection{TKey, TRecord}"/>; returned by its <c>GetService</c>.
/// </summary>
public class VectorStoreCollectionMetadata
{
    /// <summary>
    /// Gets or initializes the name of the vector store system, following the OpenTelemetry <c>db.system.name</c> convention
    /// where one exists (for example <c>faiss</c>).
    /// </summary>
    public string? VectorStoreSystemName { get; init; }

    /// <summary>
    /// Gets or initializes the name of the vector store (database) instance.
    /// </summary>
    public string? VectorStoreName { get; init; }

    /// <summary>
    /// Gets or initializes the name of the collection within the store.
    /// </summary>
    public string? CollectionName { get; init; }
}
