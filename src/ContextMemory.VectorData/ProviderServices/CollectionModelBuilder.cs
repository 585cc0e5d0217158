using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.AI;

namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// Builds the <see cref="CollectionModel"/> of a collection from attributes on a record type and/or a
/// <see cref="VectorStoreCollectionDefinition"/>, validating it against what the provider supports.
/// </summary>
/// <remarks>
/// <para>
/// A provider uses it as it is, configured by <see cref="CollectionModelBuildingOptions"/>, or derives from it to override the
/// type checks, <see cref="Customize"/> or <see cref="ValidateProperty"/>.
/// </para>
/// <para>
/// Precedence: where attributes and the definition both describe a property, the definition wins. The embedding generator of a
/// vector property is the first one set among: the property's definition, the definition, the collection options, the store options.
/// </para>
/// <para>Single use and not thread-safe: create one builder per model. Schema errors throw <see cref="ArgumentException"/>;
/// schemas the provider cannot store throw <see cref="NotSupportedException"/>.</para>
/// </remarks>
public partial class CollectionModelBuilder
{
    private Type? _keyType;
    private bool _used;

    /// <summary>
    /// Initializes a new instance of the <see cref="CollectionModelBuilder"/> class.
    /// </summary>
    /// <param name="options">What the provider supports.</param>
    public CollectionModelBuilder(CollectionModelBuildingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>
    /// Gets what the provider supports.
    /// </summary>
    protected CollectionModelBuildingOptions Options { get; }

    /// <summary>
    /// Gets the key properties found so far.
    /// </summary>
    protected List<KeyPropertyModel> KeyProperties { get; } = [];

    /// <summary>
    /// Gets the data properties found so far.
    /// </summary>
    protected List<DataPropertyModel> DataProperties { get; } = [];

    /// <summary>
    /// Gets the vector properties found so far.
    /// </summary>
    protected List<VectorPropertyModel> VectorProperties { get; } = [];

    /// <summary>
    /// Gets all properties found so far, in declaration order.
    /// </summary>
    protected List<PropertyModel> Properties { get; } = [];

    /// <summary>
    /// Gets all properties found so far, by model name.
    /// </summary>
    protected Dictionary<string, PropertyModel> PropertyMap { get; } = [];

    /// <summary>
    /// Gets the generator for vector properties that set none themselves: the definition's, else the default passed to the build method.
    /// </summary>
    protected IEmbeddingGenerator? DefaultEmbeddingGenerator { get; private set; }

    /// <summary>
    /// Builds the model of a .NET record type, from its attributes merged with <paramref name="definition"/>.
    /// </summary>
    /// <param name="recordType">The record type; not <c>Dictionary&lt;string, object?&gt;</c>.</param>
    /// <param name="keyType">The collection's key type, which must equal the key property's type (or be <see cref="object"/>).</param>
    /// <param name="definition">An optional definition, merged with the attributes and winning where both describe a property.</param>
    /// <param name="defaultEmbeddingGenerator">The generator for vector properties with none on the property or the definition: the collection options' one, else the store options' one.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The schema is invalid; the message says why.</exception>
    /// <exception cref="NotSupportedException">The schema uses something the provider does not support, or the type cannot be instantiated.</exception>
    [RequiresDynamicCode("Compiles property accessors for the record type.")]
    [RequiresUnreferencedCode("Reads the record type's properties and attributes through reflection.")]
    public virtual CollectionModel Build(Type recordType, Type keyType, VectorStoreCollectionDefinition? definition, IEmbeddingGenerator? defaultEmbeddingGenerator)
    {
        ArgumentNullException.ThrowIfNull(recordType);
        ArgumentNullException.ThrowIfNull(keyType);
        if (recordType == typeof(Dictionary<string, object?>))
        {
            throw new ArgumentException(VectorDataStrings.DictionaryRecordRequiresDynamicPath, nameof(recordType));
        }

        Start(keyType, definition?.EmbeddingGenerator ?? defaultEmbeddingGenerator);
        ProcessRecordType(recordType, definition);
        Finish(recordType);

        var constructor = recordType.IsAbstract ? null : recordType.GetConstructor(Type.EmptyTypes);
        if (constructor is null)
        {
            throw new NotSupportedException(VectorDataStrings.NoParameterlessConstructor(recordType));
        }

        foreach (var property in Properties)
        {
            property.ConfigurePocoAccessors(property.PropertyInfo ?? GetMappedProperty(recordType, property.ModelName));
        }

        return new CollectionModel(recordType, isDynamic: false, PropertyAccessorFactory.CreateFactory(constructor), Properties);
    }

    /// <summary>
    /// Builds the model of a .NET record type for a collection, resolving the embedding generator from the collection options, then the store's.
    /// </summary>
    /// <param name="recordType">The record type; not <c>Dictionary&lt;string, object?&gt;</c>.</param>
    /// <param name="keyType">The collection's key type.</param>
    /// <param name="collectionOptions">The collection options, whose definition and generator are used; may be <see langword="null"/>.</param>
    /// <param name="storeEmbeddingGenerator">The store options' generator, used when nothing more specific is set.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The schema is invalid; the message says why.</exception>
    /// <exception cref="NotSupportedException">The schema uses something the provider does not support, or the type cannot be instantiated.</exception>
    [RequiresDynamicCode("Compiles property accessors for the record type.")]
    [RequiresUnreferencedCode("Reads the record type's properties and attributes through reflection.")]
    public CollectionModel BuildForCollection(Type recordType, Type keyType, VectorStoreCollectionOptions? collectionOptions, IEmbeddingGenerator? storeEmbeddingGenerator)
        => Build(recordType, keyType, collectionOptions?.Definition, collectionOptions?.EmbeddingGenerator ?? storeEmbeddingGenerator);

    /// <summary>
    /// Builds the model of dynamic records (<c>Dictionary&lt;string, object?&gt;</c> keyed by model name) from a definition alone.
    /// </summary>
    /// <param name="definition">The schema; every property must carry a <see cref="VectorStoreProperty.Type"/>.</param>
    /// <param name="defaultEmbeddingGenerator">The generator for vector properties with none on the property or the definition: the collection options' one, else the store options' one.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The schema is invalid or a property has no type.</exception>
    /// <exception cref="NotSupportedException">The schema uses something the provider does not support.</exception>
    public virtual CollectionModel BuildDynamic(VectorStoreCollectionDefinition definition, IEmbeddingGenerator? defaultEmbeddingGenerator)
    {
        ArgumentNullException.ThrowIfNull(definition);

        Start(typeof(object), definition.EmbeddingGenerator ?? defaultEmbeddingGenerator);
        foreach (var definitionProperty in IndexDefinition(definition).Values)
        {
            ProcessProperty(recordType: null, clrProperty: null, definitionProperty);
        }

        Finish(recordType: null);

        foreach (var property in Properties)
        {
            property.ConfigureDynamicAccessors();
        }

        return new CollectionModel(typeof(Dictionary<string, object?>), isDynamic: true, static () => new Dictionary<string, object?>(), Properties);
    }

    /// <summary>
    /// Builds the model of dynamic records for a collection, resolving the embedding generator from the collection options, then the store's.
    /// </summary>
    /// <param name="definition">The schema; every property must carry a <see cref="VectorStoreProperty.Type"/>.</param>
    /// <param name="collectionOptions">The collection options, whose generator is used; may be <see langword="null"/>.</param>
    /// <param name="storeEmbeddingGenerator">The store options' generator, used when nothing more specific is set.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The schema is invalid or a property has no type.</exception>
    /// <exception cref="NotSupportedException">The schema uses something the provider does not support.</exception>
    public CollectionModel BuildDynamicForCollection(VectorStoreCollectionDefinition definition, VectorStoreCollectionOptions? collectionOptions, IEmbeddingGenerator? storeEmbeddingGenerator)
        => BuildDynamic(definition, collectionOptions?.EmbeddingGenerator ?? storeEmbeddingGenerator);

    /// <summary>
    /// A hook for providers to adjust the model (for example storage names) after all properties are read and before validation.
    /// </summary>
    /// <remarks>
    /// A property added here must go into <see cref="Properties"/>, <see cref="PropertyMap"/> and the list of its kind, and on the
    /// .NET record type path must name a public property of the type. Which vector properties are embedded is decided after this hook.
    /// </remarks>
    protected virtual void Customize()
    {
    }

    private void Start(Type keyType, IEmbeddingGenerator? defaultEmbeddingGenerator)
    {
        if (_used)
        {
            throw new InvalidOperationException(VectorDataStrings.BuilderAlreadyUsed);
        }

        _used = true;
        _keyType = keyType;
        DefaultEmbeddingGenerator = defaultEmbeddingGenerator;
    }

    private void Finish(Type? recordType)
    {
        Customize();
        ResolveEmbeddingTypes();
        Validate(recordType);
    }

    private static PropertyInfo GetMappedProperty(Type recordType, string name)
        => recordType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException(VectorDataStrings.DefinitionPropertyNotOnType(recordType, name));
}
