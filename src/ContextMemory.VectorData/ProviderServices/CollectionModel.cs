namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// The schema of a collection as a provider sees it: the key, data and vector property models of its records, with compiled
/// accessors, and the helpers to resolve the properties that options and selectors refer to.
/// </summary>
/// <remarks>
/// Built once per collection by <see cref="CollectionModelBuilder"/>. Immutable, and safe to use from many threads at once.
/// </remarks>
public sealed partial class CollectionModel
{
    private readonly Func<object> _recordFactory;

    internal CollectionModel(Type recordType, bool isDynamic, Func<object> recordFactory, IReadOnlyList<PropertyModel> properties)
    {
        RecordType = recordType;
        IsDynamic = isDynamic;
        _recordFactory = recordFactory;
        Properties = [.. properties];
        PropertyMap = Properties.ToDictionary(p => p.ModelName, StringComparer.Ordinal);
        DataProperties = [.. Properties.OfType<DataPropertyModel>()];
        VectorProperties = [.. Properties.OfType<VectorPropertyModel>()];
        KeyProperty = Properties.OfType<KeyPropertyModel>().Single();
        KeyProperties = [KeyProperty];
        EmbeddingGenerationRequired = VectorProperties.Any(p => p.RequiresEmbeddingGeneration);
    }

    /// <summary>
    /// Gets the record type: the .NET record type, or <c>Dictionary&lt;string, object?&gt;</c> for dynamic records.
    /// </summary>
    public Type RecordType { get; }

    /// <summary>
    /// Gets whether records are dynamic (<c>Dictionary&lt;string, object?&gt;</c> keyed by model name).
    /// </summary>
    public bool IsDynamic { get; }

    /// <summary>
    /// Gets the key property; a record has exactly one.
    /// </summary>
    public KeyPropertyModel KeyProperty { get; }

    /// <summary>
    /// Gets the key properties as a list (always one), for code written against multi-key models.
    /// </summary>
    public IReadOnlyList<KeyPropertyModel> KeyProperties { get; }

    /// <summary>
    /// Gets the data properties, in declaration order.
    /// </summary>
    public IReadOnlyList<DataPropertyModel> DataProperties { get; }

    /// <summary>
    /// Gets the vector properties, in declaration order.
    /// </summary>
    public IReadOnlyList<VectorPropertyModel> VectorProperties { get; }

    /// <summary>
    /// Gets all properties, in declaration order.
    /// </summary>
    public IReadOnlyList<PropertyModel> Properties { get; }

    /// <summary>
    /// Gets all properties by model name.
    /// </summary>
    public IReadOnlyDictionary<string, PropertyModel> PropertyMap { get; }

    /// <summary>
    /// Gets whether any vector property is embedded, so that upserts must call an embedding generator.
    /// </summary>
    public bool EmbeddingGenerationRequired { get; }

    /// <summary>
    /// Gets the single vector property.
    /// </summary>
    /// <exception cref="InvalidOperationException">The record has no vector property, or several.</exception>
    public VectorPropertyModel VectorProperty => GetVectorPropertyOrSingle(selector: null);

    /// <summary>
    /// Creates an empty record, for a provider to fill from storage: through the type's public parameterless constructor, or a new dictionary.
    /// </summary>
    /// <typeparam name="TRecord">The record type; must be <see cref="RecordType"/>.</typeparam>
    /// <returns>The new record.</returns>
    public TRecord CreateRecord<TRecord>() => (TRecord)_recordFactory();

    /// <summary>
    /// Throws when vectors are requested back but a vector property is embedded, since its input is not stored.
    /// </summary>
    /// <param name="includeVectors">The <c>IncludeVectors</c> option of the operation.</param>
    /// <exception cref="NotSupportedException"><paramref name="includeVectors"/> is <see langword="true"/> and a vector property is embedded.</exception>
    public void ValidateIncludeVectors(bool includeVectors)
    {
        if (includeVectors && VectorProperties.FirstOrDefault(p => p.RequiresEmbeddingGeneration) is { } embedded)
        {
            throw new NotSupportedException(VectorDataStrings.IncludeVectorsNotSupported(embedded.ModelName));
        }
    }
}
