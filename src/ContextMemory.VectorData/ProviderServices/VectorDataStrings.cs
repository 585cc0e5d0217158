using System.Globalization;

namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// Every exception message of the library, in one place so that wording stays consistent and tests can assert it.
/// </summary>
internal static class VectorDataStrings
{
    // Record types and definitions.
    public static string DictionaryRecordRequiresDynamicPath
        => "Records of type Dictionary<string, object?> use dynamic mapping: call GetDynamicCollection() (BuildDynamic() in providers) instead.";

    public static string MissingTypeOnPropertyDefinition(string property)
        => Format("Property '{0}' has no Type in the collection definition; every property of a dynamic record must have one.", property);

    public static string DuplicatePropertyName(string property)
        => Format("The schema has more than one property named '{0}'.", property);

    public static string DuplicateStorageName(string storageName, string first, string second)
        => Format("Properties '{0}' and '{1}' are both mapped to the storage name '{2}'.", first, second, storageName);

    public static string MultipleMappingAttributes(Type recordType, string property)
        => Format("Property '{0}.{1}' has more than one of [VectorStoreKey], [VectorStoreData] and [VectorStoreVector]; a property can have only one.", TypeName(recordType), property);

    public static string DefinitionKindConflict(Type recordType, string property, string definitionKind)
        => Format("Property '{0}' is a {1} property in the collection definition, but its attribute on type '{2}' says otherwise.", property, definitionKind, TypeName(recordType));

    public static string DefinitionPropertyNotOnType(Type recordType, string property)
        => Format("Property '{0}' is in the collection definition but type '{1}' has no public instance property of that name.", property, TypeName(recordType));

    public static string DefinitionTypeMismatch(string property, Type definitionType, Type clrType)
        => Format("Property '{0}' has type '{1}' in the collection definition but '{2}' on the record type.", property, TypeName(definitionType), TypeName(clrType));

    public static string PropertyNotReadableAndWritable(Type recordType, string property)
        => Format("Property '{0}.{1}' must have a getter and a setter (set or init) to be stored.", TypeName(recordType), property);

    public static string NoParameterlessConstructor(Type recordType)
        => Format("Type '{0}' must be a non-abstract class with a public parameterless constructor to be used as a record type.", TypeName(recordType));

    public static string NoKeyProperty(string where)
        => Format("No key property found on {0}; exactly one is required.", where);

    public static string MultipleKeyProperties(string where, string properties)
        => Format("Multiple key properties found on {0} ({1}); exactly one is supported.", where, properties);

    public static string NoVectorProperty(string where)
        => Format("No vector property found on {0}; this store requires at least one.", where);

    public static string MultipleVectorProperties(string where)
        => Format("Multiple vector properties found on {0}; this store supports only one.", where);

    public static string KeyTypeMismatch(Type keyType, string property, Type propertyType)
        => Format("The collection's key type is '{0}' but key property '{1}' has type '{2}'; they must match.", TypeName(keyType), property, TypeName(propertyType));

    public static string UnsupportedKeyType(string property, Type type, string supported)
        => Format("Key property '{0}' has type '{1}', which this store does not support. Supported key types: {2}.", property, TypeName(type), supported);

    public static string UnsupportedDataType(string property, Type type, string supported)
        => Format("Data property '{0}' has type '{1}', which this store does not support. Supported data types: {2}.", property, TypeName(type), supported);

    public static string AutoGenerationNotSupported(string property, Type type)
        => Format("Key property '{0}' is configured as auto-generated, but this store cannot generate keys of type '{1}'.", property, TypeName(type));

    public static string NonPositiveDimensions(string property)
        => Format("Vector property '{0}' must have a positive number of dimensions.", property);

    public static string UnsupportedDistanceFunction(string property, string distanceFunction, string supported)
        => Format("Vector property '{0}' uses distance function '{1}', which this store does not support. Supported: {2}.", property, distanceFunction, supported);

    public static string UnsupportedIndexKind(string property, string indexKind, string supported)
        => Format("Vector property '{0}' uses index kind '{1}', which this store does not support. Supported: {2}.", property, indexKind, supported);

    public static string BuilderAlreadyUsed
        => "A CollectionModelBuilder builds a single model; create a new builder for each collection.";

    // Embedding generation.
    public static string UnsupportedVectorTypeWithoutGenerator(string property, Type type, string supported)
        => Format("Vector property '{0}' has type '{1}', which is not a vector type this store supports ({2}), and no embedding generator is configured to turn it into one.", property, TypeName(type), supported);

    public static string IncompatibleEmbeddingGenerator(string property, Type inputType, Type generatorType)
        => Format("Embedding generator '{0}' configured for vector property '{1}' cannot turn '{2}' into Embedding<float>.", TypeName(generatorType), property, TypeName(inputType));

    public static string UnsupportedEmbeddingType(string property, Type embeddingType)
        => Format("Vector property '{0}' asks for embedding type '{1}', but only Embedding<float> is supported.", property, TypeName(embeddingType));

    public static string EmbeddingTypeOnNativeVectorProperty(string property, Type embeddingType, Type type)
        => Format("Vector property '{0}' sets EmbeddingType '{1}', but its type '{2}' is already a vector; EmbeddingType is only for properties that need embedding generation.", property, TypeName(embeddingType), TypeName(type));

    public static string NoEmbeddingGenerator(string property)
        => Format("Vector property '{0}' has no embedding generator configured.", property);

    public static string EmbeddingInputWrongType(string property, Type expectedType, Type? actualType)
        => Format("Vector property '{0}' embeds values of type '{1}', but a value of type '{2}' was provided.", property, TypeName(expectedType), actualType is null ? "null" : TypeName(actualType));

    public static string EmbeddingCountMismatch(string property, int expected, int actual)
        => Format("The embedding generator for vector property '{0}' returned {1} embeddings for {2} inputs.", property, actual, expected);

    public static string SearchInputWithoutGenerator(Type inputType, string property)
        => Format("A search value of type '{0}' is not a supported vector (ReadOnlyMemory<float>, float[] or Embedding<float>), and vector property '{1}' has no embedding generator to turn it into one.", TypeName(inputType), property);

    public static string SearchInputUnsupportedByGenerator(Type inputType, Type generatorType, string property)
        => Format("A search value of type '{0}' is not a supported vector, and embedding generator '{1}' configured for vector property '{2}' cannot embed it.", TypeName(inputType), TypeName(generatorType), property);

    public static string IncludeVectorsNotSupported(string property)
        => Format("Vectors cannot be returned because vector property '{0}' is generated from its input by an embedding generator and the input is not stored; set IncludeVectors to false.", property);

    public static string VectorNotInRecord(string property)
        => Format("Vector property '{0}' holds the embedding generator's input, not a vector; generate its embeddings instead of reading it as a vector.", property);

    public static string CannotConvertVector(string property, Type type)
        => Format("Vector property '{0}' has type '{1}', which cannot be converted to or from a float vector.", property, TypeName(type));

    // Property access.
    public static string AccessorsNotConfigured(string property)
        => Format("Property '{0}' cannot be read or written before its model has been built.", property);

    public static string ValueTypeMismatch(string property, Type valueType, Type propertyType)
        => Format("Property '{0}' has type '{1}', but a value of type '{2}' was given.", property, TypeName(propertyType), TypeName(valueType));

    // Property selectors.
    public static string InvalidPropertySelector(string selector)
        => Format("Property selector '{0}' is not supported: use direct member access on the record (r => r.Name) or, for dynamic records, an indexer with a constant or captured string (r => r[\"Name\"]).", selector);

    public static string PropertyNotFound(string property)
        => Format("Property '{0}' is not part of the record's schema.", property);

    public static string PropertyIsWrongKind(string property, string expectedKind)
        => Format("Property '{0}' is not a {1} property.", property, expectedKind);

    public static string NoVectorProperties(Type recordType)
        => Format("Type '{0}' has no vector property.", TypeName(recordType));

    public static string MultipleVectorPropertiesSpecifyOne(Type recordType)
        => Format("Type '{0}' has several vector properties; choose one with the VectorProperty option.", TypeName(recordType));

    public static string FullTextPropertyNotIndexed(string property)
        => Format("Data property '{0}' must be full-text indexed (IsFullTextIndexed) to be used for keyword search.", property);

    public static string NoFullTextProperty(Type recordType)
        => Format("Type '{0}' has no full-text-indexed string data property.", TypeName(recordType));

    public static string MultipleFullTextProperties(Type recordType)
        => Format("Type '{0}' has several full-text-indexed string data properties; choose one with the AdditionalProperty option.", TypeName(recordType));

    /// <summary>
    /// Renders a type the way C# code spells it, so messages read like the user's own code.
    /// </summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        if (type.IsGenericType && tick > 0)
        {
            return type.Name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.SByte => "sbyte",
            TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort",
            TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint",
            TypeCode.Int64 => "long",
            TypeCode.UInt64 => "ulong",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.String => "string",
            _ => type == typeof(object) ? "object" : type.Name,
        };
    }

    /// <summary>
    /// Renders a list of types for "supported types" messages.
    /// </summary>
    public static string TypeList(IEnumerable<Type> types) => string.Join(", ", types.Select(TypeName));

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
