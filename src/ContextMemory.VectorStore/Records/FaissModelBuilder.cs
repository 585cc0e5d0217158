using System.Diagnostics.CodeAnalysis;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Indexing;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Builds the record model of a collection with the package's model builder, told what the FAISS store can hold: keys
/// long, int, string or Guid (Guid, long and int generated); the data types of <see cref="SqliteValueConverter"/>; float32
/// vectors, several per record, with the distance functions and index kinds the store can index.
/// </summary>
/// <remarks>
/// Single use, as the base class. Errors: what the store cannot hold throws <see cref="NotSupportedException"/>; a schema
/// that contradicts itself (the base class's checks, and the ones added here) throws <see cref="InvalidOperationException"/>.
/// </remarks>
internal sealed class FaissModelBuilder : CollectionModelBuilder
{
    /// <summary>Distance function used when a vector property names none.</summary>
    public const string DefaultDistanceFunction = DistanceFunction.CosineSimilarity;

    /// <summary>Index kind used when a vector property names none.</summary>
    public const string DefaultIndexKind = IndexKind.Flat;

    /// <summary>The most dimensions a vector property may have; published as <see cref="FaissVectorStore.MaxDimensions"/>.</summary>
    public const int MaxDimensions = 65_536;

    private const string SupportedVectorTypes = "ReadOnlyMemory<float>, float[], Embedding<float>";

    private static readonly Type[] KeyTypes = [typeof(long), typeof(int), typeof(string), typeof(Guid)];

    private FaissModelBuilder()
        : base(new CollectionModelBuildingOptions { SupportsMultipleVectors = true, RequiresAtLeastOneVector = true })
    {
    }

    /// <summary>
    /// The model of a collection's records. Vector properties that set no embedding generator take the most specific one
    /// set: the definition's, then the collection options', then the store options'.
    /// </summary>
    /// <exception cref="NotSupportedException">A type, distance function or index kind the store cannot hold.</exception>
    /// <exception cref="InvalidOperationException">The schema contradicts itself or the record type.</exception>
    /// <exception cref="ArgumentException">A dynamic collection without a definition.</exception>
    [RequiresDynamicCode("Reads the record type's properties and compiles accessors for them.")]
    [RequiresUnreferencedCode("Reads the record type's properties and attributes through reflection.")]
    public static RecordModel Build(Type recordType, Type keyType, VectorStoreCollectionOptions options, IEmbeddingGenerator? storeGenerator)
    {
        var definition = options.Definition;
        var generator = definition?.EmbeddingGenerator ?? options.EmbeddingGenerator ?? storeGenerator;
        if (recordType != typeof(Dictionary<string, object?>))
        {
            return new RecordModel(new FaissModelBuilder().Build(recordType, keyType, definition, generator), recordType);
        }

        if (definition is null)
        {
            throw new ArgumentException(VectorStoreErrors.DynamicCollectionNeedsDefinition, nameof(options));
        }

        return new RecordModel(new FaissModelBuilder().BuildDynamic(definition, generator), recordType);
    }

    /// <summary>Whether a vector property holds its vector (as opposed to a value an embedding generator turns into one).</summary>
    public static bool IsNativeVectorType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(ReadOnlyMemory<float>) || t == typeof(float[]) || t == typeof(Embedding<float>);
    }

    /// <inheritdoc />
    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = SqliteValueConverter.IsSupported(type) ? null : VectorStoreErrors.SupportedDataTypes;
        return supportedTypes is null;
    }

    /// <inheritdoc />
    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = IsNativeVectorType(type) ? null : SupportedVectorTypes;
        return supportedTypes is null;
    }

    /// <inheritdoc />
    protected override bool SupportsKeyAutoGeneration(Type keyPropertyType) =>
        keyPropertyType == typeof(Guid) || keyPropertyType == typeof(long) || keyPropertyType == typeof(int);

    /// <inheritdoc />
    protected override void ValidateKeyProperty(KeyPropertyModel keyProperty)
    {
        ArgumentNullException.ThrowIfNull(keyProperty);
        if (!KeyTypes.Contains(keyProperty.Type))
        {
            throw new NotSupportedException(VectorStoreErrors.UnsupportedKeyType(keyProperty.ModelName, keyProperty.Type));
        }

        base.ValidateKeyProperty(keyProperty);
    }

    /// <inheritdoc />
    protected override void ValidateProperty(PropertyModel propertyModel, VectorStoreCollectionDefinition? definition)
    {
        base.ValidateProperty(propertyModel, definition);
        if (propertyModel is VectorPropertyModel vector)
        {
            // Checked before anything sizes a buffer by the dimensions (a batch of rows, a training sample, a FAISS index).
            if (vector.Dimensions > MaxDimensions)
            {
                throw new NotSupportedException(VectorStoreErrors.TooManyDimensions(vector.ModelName, vector.Dimensions, MaxDimensions));
            }

            var distanceFunction = vector.DistanceFunction ?? DefaultDistanceFunction;
            _ = IndexPlan.MetricOf(distanceFunction);
            IndexPlan.ValidateIndexKind(vector.IndexKind ?? DefaultIndexKind, vector.Dimensions, distanceFunction);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Adds what the base class lets pass on a record type: a definition property the type does not have, or whose type
    /// differs from the .NET property's other than by nullability, is an error, not ignored; and every mapped property must
    /// have a setter (<c>set</c> or <c>init</c>), or records could not be read back.
    /// </remarks>
    protected override void Validate(Type? type, VectorStoreCollectionDefinition? definition)
    {
        if (type is not null)
        {
            foreach (var property in definition?.Properties ?? [])
            {
                if (!PropertyMap.TryGetValue(property.Name, out var model))
                {
                    throw new InvalidOperationException(VectorStoreErrors.DefinitionPropertyNotOnType(type, property.Name));
                }

                if (property.Type is { } declared && Underlying(declared) != Underlying(model.Type))
                {
                    throw new InvalidOperationException(VectorStoreErrors.DefinitionTypeMismatch(property.Name, declared, model.Type));
                }
            }

            foreach (var property in Properties)
            {
                if (property.PropertyInfo is { CanWrite: false } or { CanRead: false })
                {
                    throw new InvalidOperationException(VectorStoreErrors.PropertyNotReadableAndWritable(type, property.ModelName));
                }
            }
        }

        base.Validate(type, definition);
    }

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;
}
