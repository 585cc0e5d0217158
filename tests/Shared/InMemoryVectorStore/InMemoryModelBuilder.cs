// MEVD9001: the package's ProviderServices (CollectionModelBuilder, CollectionModel) are marked experimental; they are
// the package's own support for connectors, which this store is.
#pragma warning disable MEVD9001
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// Builds the record model of an in-memory collection with the package's model builder: any data type (values are
/// kept as objects), float vectors (several per record, or none), keys generated for Guid, int and long.
/// </summary>
internal sealed class InMemoryModelBuilder : CollectionModelBuilder
{
    private InMemoryModelBuilder()
        : base(new CollectionModelBuildingOptions { SupportsMultipleVectors = true, RequiresAtLeastOneVector = false })
    {
    }

    /// <summary>The model of <paramref name="recordType"/>; dictionaries (dynamic collections) need a definition.</summary>
    [RequiresDynamicCode("Reads the record type's properties.")]
    [RequiresUnreferencedCode("Reads the record type's properties and attributes through reflection.")]
    public static CollectionModel Create(Type recordType, Type keyType, VectorStoreCollectionDefinition? definition, IEmbeddingGenerator? generator) =>
        recordType == typeof(Dictionary<string, object?>)
            ? new InMemoryModelBuilder().BuildDynamic(definition ?? throw new ArgumentNullException(nameof(definition)), generator)
            : new InMemoryModelBuilder().Build(recordType, keyType, definition, generator);

    /// <summary>Whether values of <paramref name="type"/> are vectors themselves (rather than inputs of a generator).</summary>
    public static bool IsNativeVectorType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(ReadOnlyMemory<float>) || t == typeof(float[]) || t == typeof(Embedding<float>);
    }

    /// <inheritdoc />
    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = null;
        return true;
    }

    /// <inheritdoc />
    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = IsNativeVectorType(type) ? null : "ReadOnlyMemory<float>, float[], Embedding<float>";
        return supportedTypes is null;
    }

    /// <inheritdoc />
    protected override bool SupportsKeyAutoGeneration(Type keyPropertyType) =>
        keyPropertyType == typeof(Guid) || keyPropertyType == typeof(long) || keyPropertyType == typeof(int);

    /// <inheritdoc />
    protected override void ValidateProperty(PropertyModel propertyModel, VectorStoreCollectionDefinition? definition)
    {
        base.ValidateProperty(propertyModel, definition);
        if (propertyModel is VectorPropertyModel vector && !VectorScore.IsSupported(vector.DistanceFunction ?? VectorScore.DefaultFunction))
        {
            throw new NotSupportedException(InMemoryStoreErrors.UnsupportedDistanceFunction(vector.ModelName, vector.DistanceFunction!));
        }
    }
}
