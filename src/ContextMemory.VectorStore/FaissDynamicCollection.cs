using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore;

/// <summary>
/// A collection of <c>Dictionary&lt;string, object?&gt;</c> records whose schema is given by a
/// <see cref="VectorStoreCollectionDefinition"/>; keys are <see cref="object"/> values of the definition's key type.
/// </summary>
/// <remarks>Thread-safe; behaves exactly like <see cref="FaissCollection{TKey, TRecord}"/>, with properties addressed by name
/// (filters use <c>r =&gt; (string)r["Category"] == "news"</c>).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Mirrors the vector store API's naming (VectorStoreCollection).")]
public sealed class FaissDynamicCollection : FaissCollection<object, Dictionary<string, object?>>
{
    /// <summary>Creates a dynamic collection object (no I/O).</summary>
    /// <param name="store">The store.</param>
    /// <param name="name">The collection name.</param>
    /// <param name="options">Options; <see cref="VectorStoreCollectionOptions.Definition"/> is required and every property must carry its Type.</param>
    /// <exception cref="ArgumentException">No definition, or a property without a type.</exception>
    public FaissDynamicCollection(FaissVectorStore store, string name, FaissCollectionOptions options)
        : base(store, name, options)
    {
    }
}
