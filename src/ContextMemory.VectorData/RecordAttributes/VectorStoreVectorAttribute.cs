namespace ContextMemory.VectorData;

/// <summary>
/// Marks a property of a record class as a vector property.
/// </summary>
/// <remarks>
/// The property holds either a vector (for example <c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c> or
/// <c>Embedding&lt;float&gt;</c>) or an input for an embedding generator (for example <see cref="string"/>); the latter is an
/// embedded property, see <see cref="VectorStoreVectorProperty"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class VectorStoreVectorAttribute : Attribute
{
    /// <summary>
    /// Initializes a new instance of the <see cref="VectorStoreVectorAttribute"/> class.
    /// </summary>
    /// <param name="dimensions">The number of dimensions of the vector; greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is zero or negative.</exception>
    public VectorStoreVectorAttribute(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Dimensions = dimensions;
    }

    /// <summary>
    /// Gets the number of dimensions of the vector.
    /// </summary>
    public int Dimensions { get; }

    /// <summary>
    /// Gets or initializes the kind of index to use (see <see cref="VectorData.IndexKind"/>); <see langword="null"/> for the provider's default.
    /// </summary>
    public string? IndexKind { get; init; }

    /// <summary>
    /// Gets or initializes the distance function to compare vectors with (see <see cref="VectorData.DistanceFunction"/>);
    /// <see langword="null"/> for the provider's default. It decides what search scores mean.
    /// </summary>
    public string? DistanceFunction { get; init; }

    /// <summary>
    /// Gets or initializes the name of the property in storage, when it differs from the .NET property name.
    /// </summary>
    public string? StorageName { get; init; }
}
