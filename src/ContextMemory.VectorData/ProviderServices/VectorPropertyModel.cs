using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// The provider-side model of a record's vector property, with the helpers a provider needs to embed inputs and to move
/// float vectors in and out of records.
/// </summary>
/// <remarks>
/// <para>
/// A vector property either holds a vector of a type the provider supports natively (<see cref="EmbeddingType"/> equals
/// <see cref="PropertyModel.Type"/>), or it is <em>embedded</em>: it holds an input such as a <see cref="string"/> that the
/// <see cref="EmbeddingGenerator"/> turns into an <c>Embedding&lt;float&gt;</c> on upsert and on search
/// (<see cref="RequiresEmbeddingGeneration"/>). The input of an embedded property is not stored, so it cannot be returned as a vector.
/// </para>
/// <para>
/// This non-generic model embeds <see cref="string"/> and <see cref="DataContent"/> inputs; <see cref="VectorPropertyModel{TInput}"/>
/// embeds any input type. Treat as immutable once the model is built; it is then safe to use from many threads at once
/// (generation is as thread-safe as the configured generator).
/// </para>
/// </remarks>
public partial class VectorPropertyModel : PropertyModel
{
    private int _dimensions;
    private Type? _embeddingType;

    /// <summary>
    /// Initializes a new instance of the <see cref="VectorPropertyModel"/> class.
    /// </summary>
    /// <param name="modelName">The property's name in the data model.</param>
    /// <param name="type">The property's .NET type: a vector type, or an embedding generator's input type.</param>
    public VectorPropertyModel(string modelName, Type type)
        : base(modelName, type)
    {
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
    /// Gets or sets the kind of index (see <see cref="VectorData.IndexKind"/>); <see langword="null"/> for the provider's default.
    /// </summary>
    public string? IndexKind { get; set; }

    /// <summary>
    /// Gets or sets the distance function (see <see cref="VectorData.DistanceFunction"/>); <see langword="null"/> for the provider's default.
    /// It decides what search scores mean.
    /// </summary>
    public string? DistanceFunction { get; set; }

    /// <summary>
    /// Gets or sets the embedding generator resolved for this property (property, then definition, then collection options, then
    /// store options). For an embedded property it embeds every upserted value; for a native vector property it only embeds
    /// non-vector search values.
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }

    /// <summary>
    /// Gets or sets the type of the vector that is stored: <see cref="PropertyModel.Type"/> for a native vector property,
    /// <c>Embedding&lt;float&gt;</c> for an embedded one. Setting <see langword="null"/> restores the default (the property type).
    /// </summary>
    [AllowNull]
    public Type EmbeddingType
    {
        get => _embeddingType ?? Type;
        set => _embeddingType = value;
    }

    /// <summary>
    /// Gets whether this is an embedded property: its values are generator inputs, not vectors, and must be embedded on upsert.
    /// </summary>
    public bool RequiresEmbeddingGeneration => EmbeddingType != Type;

    /// <summary>
    /// Gets the input types this property model can embed with a suitable generator.
    /// </summary>
    /// <returns>The input types.</returns>
    public virtual Type[] GetSupportedInputTypes() => [typeof(string), typeof(DataContent)];

    /// <summary>
    /// Checks whether <paramref name="embeddingGenerator"/> can embed this property's values (of <see cref="PropertyModel.Type"/>)
    /// into <c>Embedding&lt;float&gt;</c>.
    /// </summary>
    /// <param name="embeddingGenerator">The generator to check.</param>
    /// <returns><see langword="true"/> if it can.</returns>
    public virtual bool CanGenerateEmbeddings(IEmbeddingGenerator embeddingGenerator)
        => (Type == typeof(string) && embeddingGenerator is IEmbeddingGenerator<string, Embedding<float>>)
        || (Type == typeof(DataContent) && embeddingGenerator is IEmbeddingGenerator<DataContent, Embedding<float>>);

    /// <inheritdoc />
    public override string ToString()
        => $"{ModelName} (Vector, {VectorDataStrings.TypeName(Type)}, {Dimensions} dimensions{(RequiresEmbeddingGeneration ? ", embedded" : "")})";
}
