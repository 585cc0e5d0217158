using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData;

/// <summary>
/// Describes the schema of a collection's records in code, instead of (or on top of) attributes on a record type.
/// </summary>
/// <remarks>
/// <para>
/// For a .NET record type, attributes and the definition are merged property by property, and where both describe a property
/// the definition's values win. Every property in the definition must exist on the type. For dynamic
/// (<c>Dictionary&lt;string, object?&gt;</c>) records the definition is the whole schema, and every property must carry a <see cref="VectorStoreProperty.Type"/>.
/// </para>
/// <para>Not thread-safe to mutate; a collection reads it once, when it is constructed.</para>
/// </remarks>
public sealed class VectorStoreCollectionDefinition
{
    private IList<VectorStoreProperty>? _properties;

    /// <summary>
    /// Gets or sets the properties of the record: exactly one key, any number of data and vector properties.
    /// </summary>
    public IList<VectorStoreProperty> Properties
    {
        get => _properties ??= [];
        set => _properties = value;
    }

    /// <summary>
    /// Gets or sets the embedding generator for vector properties that do not set their own. It takes precedence over
    /// the collection options' and the store options' generators.
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }
}
