using ContextMemory.VectorData.ProviderServices;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData;

/// <summary>
/// Defines a vector property of a record in a <see cref="VectorStoreCollectionDefinition"/>.
/// </summary>
/// <remarks>
/// <para>
/// A vector property either holds a vector (a type the provider supports natively, such as <c>ReadOnlyMemory&lt;float&gt;</c>,
/// <c>float[]</c> or <c>Embedding&lt;float&gt;</c>) or an input for an embedding generator, such as <see cref="string"/>.
/// </para>
/// <para>
/// The second kind is an <em>embedded</em> property: it needs an <see cref="IEmbeddingGenerator"/> (set here, on the
/// definition, on the collection options or on the store options; the most specific wins). On upsert the store embeds the
/// property's value and stores only the vector, not the source value; searching with a value of the input type embeds it too.
/// Because the source value is not stored, asking for vectors back (<c>IncludeVectors = true</c>) throws <see cref="NotSupportedException"/>.
/// </para>
/// </remarks>
public class VectorStoreVectorProperty : VectorStoreProperty
{
    private int _dimensions;

    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreVectorProperty"/> class, for a .NET record type whose property type is read from the type.
    /// </summary>
    /// <param name="name">The property's name in the data model; for a .NET record type, the name of the .NET property.</param>
    /// <param name="dimensions">The number of dimensions of the vector; greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is zero or negative.</exception>
    public VectorStoreVectorProperty(string name, int dimensions)
        : base(name, type: null)
    {
        Dimensions = dimensions;
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreVectorProperty"/> class.
    /// </summary>
    /// <param name="name">The property's name in the data model; for a .NET record type, the name of the .NET property.</param>
    /// <param name="type">The property's .NET type: a vector type, or the input type of an embedding generator.</param>
    /// <param name="dimensions">The number of dimensions of the vector; greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is zero or negative.</exception>
    public VectorStoreVectorProperty(string name, Type? type, int dimensions)
        : base(name, type)
    {
        Dimensions = dimensions;
    }

    /// <summary>
    /// Gets or sets the number of dimensions of the vector.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int Dimensions
    {
        get => _dimensions;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _dimensions = value;
        }
    }

    /// <summary>
    /// Gets or sets the kind of index to use (see <see cref="VectorData.IndexKind"/>); <see langword="null"/> for the provider's default.
    /// </summary>
    public string? IndexKind { get; set; }

    /// <summary>
    /// Gets or sets the distance function to compare vectors with (see <see cref="VectorData.DistanceFunction"/>);
    /// <see langword="null"/> for the provider's default. It decides what search scores mean.
    /// </summary>
    public string? DistanceFunction { get; set; }

    /// <summary>
    /// Gets or sets the embedding generator for this property. It takes precedence over the definition's, the collection
    /// options' and the store options' generators.
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }

    /// <summary>
    /// Gets or sets the embedding type the generator should produce for an embedded property (for example <c>Embedding&lt;float&gt;</c>);
    /// <see langword="null"/> lets the provider choose. Only meaningful for embedded properties.
    /// </summary>
    public Type? EmbeddingType { get; set; }

    /// <summary>
    /// Creates the provider-side model of this property; the generic subclass keeps its input type.
    /// </summary>
    internal virtual VectorPropertyModel CreatePropertyModel(Type type) => new(Name, type);
}
