namespace ContextMemory.VectorData;

/// <summary>
/// Defines a data property of a record in a <see cref="VectorStoreCollectionDefinition"/>: a value stored alongside the vectors, usable in filters.
/// </summary>
public sealed class VectorStoreDataProperty : VectorStoreProperty
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreDataProperty"/> class.
    /// </summary>
    /// <param name="name">The property's name in the data model; for a .NET record type, the name of the .NET property.</param>
    /// <param name="type">The property's .NET type; required for dynamic (dictionary) records.</param>
    public VectorStoreDataProperty(string name, Type? type = null)
        : base(name, type)
    {
    }

    /// <summary>
    /// Gets or sets whether the store should index this property for filtering.
    /// </summary>
    public bool IsIndexed { get; set; }

    /// <summary>
    /// Gets or sets whether the store should index this property for full-text (keyword) search.
    /// </summary>
    public bool IsFullTextIndexed { get; set; }
}
