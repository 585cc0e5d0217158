namespace ContextMemory.VectorData;

/// <summary>
/// Describes a <see cref="VectorStore"/>; returned by <see cref="VectorStore.GetService(Type, object?)"/>.
/// </summary>
public class VectorStoreMetadata
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
}
