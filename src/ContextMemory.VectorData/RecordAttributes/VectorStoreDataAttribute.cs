namespace ContextMemory.VectorData;

/// <summary>
/// Marks a property of a record class as a data property: a value stored alongside the vectors, usable in filters.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class VectorStoreDataAttribute : Attribute
{
    /// <summary>
    /// Gets or initializes whether the store should index this property for filtering.
    /// </summary>
    /// <remarks>Stores that can filter on any property may ignore it.</remarks>
    public bool IsIndexed { get; init; }

    /// <summary>
    /// Gets or initializes whether the store should index this property for full-text (keyword) search,
    /// as used by <see cref="IKeywordHybridSearchable{TRecord}"/>.
    /// </summary>
    public bool IsFullTextIndexed { get; init; }

    /// <summary>
    /// Gets or initializes the name of the property in storage, when it differs from the .NET property name.
    /// </summary>
    public string? StorageName { get; init; }
}
