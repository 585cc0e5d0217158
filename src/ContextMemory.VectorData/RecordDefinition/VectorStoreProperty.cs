namespace ContextMemory.VectorData;

/// <summary>
/// Base class of the property definitions in a <see cref="VectorStoreCollectionDefinition"/>.
/// </summary>
/// <remarks>
/// Definitions are plain configuration objects and are not thread-safe to mutate; a collection reads them once, when it is constructed.
/// </remarks>
public abstract class VectorStoreProperty
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreProperty"/> class.
    /// </summary>
    /// <param name="name">The property's name in the data model; for a .NET record type, the name of the .NET property.</param>
    /// <param name="type">The property's .NET type; required for dynamic (dictionary) records, optional otherwise.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    private protected VectorStoreProperty(string name, Type? type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
    }

    /// <summary>
    /// Gets or sets the property's name in the data model; for a .NET record type, the name of the .NET property.
    /// </summary>
    public string Name { get; set; }

    /// <summary>
    /// Gets or sets the name of the property in storage, when it differs from <see cref="Name"/>.
    /// </summary>
    public string? StorageName { get; set; }

    /// <summary>
    /// Gets or sets the property's .NET type. Required for dynamic (dictionary) records; for a .NET record type it
    /// may be omitted, and when given must match the .NET property's type.
    /// </summary>
    public Type? Type { get; set; }

    /// <summary>
    /// Gets or sets provider-specific settings for this property, keyed by names the provider documents.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? ProviderAnnotations { get; set; }
}
