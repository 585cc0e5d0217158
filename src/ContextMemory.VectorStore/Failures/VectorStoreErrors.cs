using System.Globalization;
using System.Text;

namespace ContextMemory.VectorStore.Failures;

/// <summary>Every message the store raises, in one place so tests can assert them.</summary>
internal static class VectorStoreErrors
{
    public static string UnsupportedValueType(Type type) =>
        Format("Values of type '{0}' cannot be stored; supported data types are strings, numbers, bool, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, their nullable forms, and arrays or lists of string, int, long, float, double, bool or Guid.", type);

    public static string MalformedString(int index) =>
        Format("The string has an unpaired surrogate at index {0}; only well-formed UTF-16 text can be stored or compared (SQLite would store it as U+FFFD, the same as other strings).", index);

    public static string UnknownStoredType(string typeName) =>
        Format("The stored schema names an unknown type '{0}'; the database was written by a newer or different program.", typeName);

    public static string UnsupportedStoreFormat(string found, int supported) =>
        Format("The store database has format '{0}', but this version reads formats 1 to {1}.", found, supported);

    public const string RebuildRatioRange = "RebuildRatio must be greater than 0 and at most 1.";

    public static string UnsupportedDistanceFunction(string? distanceFunction) =>
        Format("The distance function '{0}' is not supported; use CosineSimilarity, CosineDistance, DotProductSimilarity, EuclideanDistance or EuclideanSquaredDistance.", distanceFunction);

    public static string UnsupportedIndexKind(string? indexKind) =>
        Format("The index kind '{0}' is not supported; use Flat, Hnsw, IvfFlat, QuantizedFlat, Dynamic, or 'faiss:<factory description>'.", indexKind);

    /// <summary>A vector row whose bytes no longer match the checksum written with them, read with IncludeVectors.</summary>
    public static string DamagedVector(string collection, string property, object key) =>
        Format("Collection '{0}': the stored vector '{1}' of record {2} is damaged (its bytes no longer match the checksum written with them: the database file was changed outside the store, or the disk is failing). The record's other data is intact; upsert the record again with its vector, or delete it.",
            collection, property, RecordKey(key));

    /// <summary>Up to the keys given, quoted and shortened, then how many more there are of <paramref name="total"/>.</summary>
    public static string RecordKeyList(IReadOnlyList<object> keys, int total)
    {
        var list = string.Join(", ", keys.Select(RecordKey));
        return total > keys.Count ? Format("records {0} and {1} more", list, total - keys.Count) : Format("records {0}", list);
    }

    /// <summary>A record key as messages show it: numbers as they are, text quoted, cut at 64 characters, control characters escaped.</summary>
    public static string RecordKey(object key)
    {
        if (key is not string text)
        {
            return Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        const int MaxShown = 64;
        var shown = new StringBuilder(Math.Min(text.Length, MaxShown) + 8).Append('\'');
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxShown)))
        {
            if (char.IsControl(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.Append(text.Length > MaxShown ? "'..." : "'").ToString();
    }

    public static string LockTimeout(string path, TimeSpan timeout) =>
        Format("Timed out after {0} waiting for the lock '{1}' held by another process or handle.", timeout, Path.GetFileName(path));

    public static string ConfigurationMissing(string key) =>
        Format("The vector store configuration has no value for '{0}'.", key);

    public static string ConfigurationValue(string key, string value, Type type) =>
        Format("The vector store configuration value '{0}' of '{1}' is not a valid {2}.", value, key, type.Name);

    public static string ConfigurationUnknownKey(string key, IEnumerable<string> known) =>
        Format("The vector store configuration key '{0}' is not a setting; the settings here are {1}.", key, string.Join(", ", known));

    public static string CollectionDoesNotExist(string name) =>
        Format("The collection '{0}' does not exist; call EnsureCollectionExistsAsync first.", name);

    public static string StorageFailed(string operation, string? collection, string detail) => collection is null
        ? Format("{0} failed in the vector store: {1}", operation, detail)
        : Format("{0} failed on collection '{1}': {2}", operation, collection, detail);

    public const string CollectionNameEmpty = "A collection name must contain at least one non-whitespace character.";

    public const string CollectionNameControlCharacter = "A collection name must not contain control characters (including NUL).";

    public const string CollectionNameMalformed = "A collection name must be well-formed UTF-16 (no unpaired surrogates).";

    public static string CollectionNameTooLong(int length, int max) =>
        Format("A collection name is {0} characters long; the maximum is {1}.", length, max);

    public static string SchemaConflict(string collection, string property, string detail) =>
        Format("The record definition does not match collection '{0}': property '{1}' conflicts because {2}.", collection, property, detail);

    public const string BigEndianNotSupported = "The store keeps vectors as little-endian float32 and runs on little-endian machines only.";

    public const string DynamicCollectionNeedsDefinition = "A dynamic collection needs a record definition.";

    public static string PropertyNotInCollection(string collection, string property) =>
        Format("The property '{1}' is not stored in collection '{0}'; call EnsureCollectionExistsAsync with this record type to add new data properties.", collection, property);

    public static string PropertyNotFilterable(string property) =>
        Format("The property '{0}' is not a key or data property of this collection.", property);

    public static string KeyTypeMismatch(Type actual, Type expected) =>
        Format("A key of type '{0}' was given where the collection's keys are '{1}'.", actual, expected);

    public const string EmptyStringKey = "A string key must not be empty.";

    public const string DictionaryNeedsDynamicCollection =
        "Records of type Dictionary<string, object?> need a dynamic collection: use FaissVectorStore.GetDynamicCollection.";

    public static string TooManyDimensions(string property, int dimensions, int max) =>
        Format("The vector property '{0}' has {1} dimensions; the store supports at most {2}.", property, dimensions, max);

    public static string WrongDimensions(string property, int recordIndex, int actual, int expected) => recordIndex < 0
        ? Format("The search vector has {0} dimensions, but '{1}' has {2}.", actual, property, expected)
        : Format("The vector '{0}' of record {1} in the batch has {2} dimensions instead of {3}.", property, recordIndex, actual, expected);

    public static string NonFiniteVector(string property, int recordIndex) => recordIndex < 0
        ? Format("The search vector for '{0}' contains NaN or infinity.", property)
        : Format("The vector '{0}' of record {1} in the batch contains NaN or infinity.", property, recordIndex);

    public static string ZeroVector(string property, int recordIndex) => recordIndex < 0
        ? Format("The search vector for '{0}' is all zeros; cosine similarity is undefined for it.", property)
        : Format("The vector '{0}' of record {1} in the batch is all zeros; cosine similarity is undefined for it.", property, recordIndex);

    public static string NullRecordInBatch(int index) => Format("Record {0} of the batch is null.", index);

    public static string MissingKey(string property) =>
        Format("The record has no value for its key '{0}', which is not generated by the store.", property);

    public static string EmbeddingFailed(string property) =>
        Format("No embedding could be generated for the vector property '{0}'.", property);

    public const string FilterCustomComparer = "Contains or equality with a custom comparer cannot be translated; the store compares values as stored (ordinal strings).";

    public const string FilterCollectionSource = "Contains needs a captured collection (array, list, set or other enumerable) or a collection-valued (tag) property, and Any and All need a tag property and a lambda predicate.";

    public const string FilterCollectionEquality = "collections can only be searched with Contains or Any, not compared with == or !=.";

    public const string FilterNullArgument = "the value given evaluates to null where a value is required.";

    public const string FilterFloatingElement = "floating-point tag elements can be compared with values, not with other properties (SQLite reads them from JSON text).";

    public const string FilterOperand = "only key and data properties of the record, constants and captured values can be compared.";

    public const string FilterParameterPrefix = "The SQL parameter prefix must be an ASCII letter or underscore followed by ASCII letters, digits or underscores.";

    public static string FilterMethod(string method) =>
        Format("the method '{0}' cannot be translated (supported: Contains, Any, All, Equals, string StartsWith/EndsWith/Contains/IsNullOrEmpty).", method);

    public static string FilterLossyConversion(Type from, Type to) =>
        Format("the conversion from '{0}' to '{1}' could change the value, so the stored value and the filter would not compare alike.", from, to);

    public static string FilterUnknownProperty(string name) =>
        Format("the record has no key or data property named '{0}'.", name);

    public static string FilterVectorProperty(string name) =>
        Format("the vector property '{0}' cannot be used in a filter.", name);

    public static string FilterStringComparison(object? comparison) =>
        Format("the string comparison '{0}' is not supported; the store compares strings ordinally (StringComparison.Ordinal).", comparison);

    public static string FilterOperation(string operation) =>
        Format("the operation '{0}' is not supported; use ==, !=, <, <=, >, >=, &&, ||, !, ^ or ?: on bool predicates.", operation);

    public static string FilterShape(Type recordType) =>
        Format("A filter must be a lambda with one parameter of the record type '{0}' returning bool.", recordType);

    public const string FilterSupportedConstructs =
        "Filters support ==, !=, <, <=, >, >= between key or data properties and values (or two properties), &&, ||, !, ^, ?:, null and HasValue checks, " +
        "bool properties, Equals, Contains of a property in a captured collection, Contains, Any and All over tag properties, " +
        "and ordinal string StartsWith, EndsWith, Contains and string.IsNullOrEmpty.";

    public static string FilterTooDeep(int limit) =>
        Format("The filter nests more than {0} levels deep; the store refuses filters deeper than {0} (SQLite cannot run expressions deeper than 1,000). Combine conditions with Contains on a list instead of long chains of || or &&.", limit);

    public static string FilterNotSupported(string expression, string reason) =>
        Format("The filter expression '{0}' cannot be translated to SQL: {1} {2}", expression, reason, FilterSupportedConstructs);

    public static string NaNDataValue(string property, int recordIndex) =>
        Format("The data property '{0}' of record {1} in the batch is NaN, which cannot be stored.", property, recordIndex);

    public static string NonFiniteTagElement(string property, int recordIndex) =>
        Format("The list '{0}' of record {1} in the batch contains NaN or infinity, which cannot be stored.", property, recordIndex);

    public static string DatabaseFileIsLink(string path) =>
        Format("'{0}' is a symbolic link. SQLite would follow it and keep the database, its write-ahead log and its shared memory outside the store directory, so the store does not open it; put the file itself in its place.", path);

    public const string DatabaseMissingState = "store.db is missing";

    public const string DatabaseEmptyState = "store.db is empty (0 bytes)";

    public const string UnknownCollectionsState = "the database never had the collections of some index checkpoints (it was replaced or restored from an older copy)";

    public static string DatabaseMissing(string directory, int checkpoints, int quarantined, bool writeAheadLog = false) =>
        LostDatabase(directory, DatabaseMissingState, Leftovers(checkpoints, quarantined, writeAheadLog));

    public static string DatabaseEmpty(string directory, int checkpoints, int quarantined, bool writeAheadLog = false) =>
        LostDatabase(directory, DatabaseEmptyState, Leftovers(checkpoints, quarantined, writeAheadLog));

    /// <summary>What a lost database left behind, as the messages and the start-over warning name it.</summary>
    public static string Leftovers(int checkpoints, int quarantined, bool writeAheadLog) =>
        Format("{0} index checkpoint(s){1} and {2} quarantined file(s)", checkpoints, writeAheadLog ? ", a write-ahead log (store.db-wal)" : string.Empty, quarantined);

    public static string CheckpointsOfUnknownCollections(string directory, IReadOnlyList<string> files) =>
        Format("The database of the vector store in '{0}' has never had the collections of the index checkpoints {1}: it was replaced or restored from an older copy. " +
            "Put the matching store.db back, or open the store with FaissVectorStoreOptions.StartOverWhenDatabaseIsLost to keep this database and delete those checkpoints.",
            directory, string.Join(", ", files));

    public static string NotAStoreDirectory(string directory, IReadOnlyList<string> entries) =>
        Format("'{0}' is not a vector store directory: it has no store.db but holds other files ({1}). A new store is only created in a missing or empty directory.",
            directory, string.Join(", ", entries));

    public static string NotAStoreDatabase(string path) =>
        Format("'{0}' is a SQLite database of another program (it has tables but not the store's catalog); the store leaves it untouched.", path);

    public static string NotSqliteDatabase(string path) =>
        Format("'{0}' is not a SQLite database (it does not start with the SQLite header); the store leaves it untouched: put the right file back or move this one aside.", path);

    public static string LockFileIsLink(string path) =>
        Format("The lock file '{0}' became a symbolic link while it was being opened; the store does not lock or create files through a link.", path);

    public const string CheckpointIsDirectory = "it is a directory, not a checkpoint file";

    public const string CheckpointHeaderForeign = "its header is not a checkpoint header of this store";

    public const string CheckpointIndexMismatch = "the index inside does not match its header";

    public const string CheckpointOtherCollection = "it belongs to another collection";

    public const string CheckpointOtherDefinition = "it was built for a different vector property definition";

    public const string CheckpointAheadOfDatabase = "it is ahead of the database (the database was replaced or restored)";

    public const string CheckpointOlderThanLog = "it is older than the retained change log";

    private static string LostDatabase(string directory, string state, string leftovers) =>
        Format("The vector store in '{0}' has lost its database: {1}, but {2} remain from the collections it held. " +
            "Put store.db back (from a backup), or open the store with FaissVectorStoreOptions.StartOverWhenDatabaseIsLost to delete them and start an empty store.",
            directory, state, leftovers);

    public const string SupportedDataTypes =
        "string, bool, integers up to long, uint, float, double, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, their nullable forms, " +
        "and arrays or lists of string, int, long, float, double, bool or Guid";

    public static string UnsupportedKeyType(string property, Type type) =>
        Format("Key property '{0}' has type '{1}', which the store does not support; key types are long, int, string and Guid.", property, TypeName(type));

    public static string DefinitionPropertyNotOnType(Type recordType, string property) =>
        Format("Property '{0}' is in the collection definition, but type '{1}' has no public instance property of that name.", property, TypeName(recordType));

    public static string DefinitionTypeMismatch(string property, Type definitionType, Type clrType) =>
        Format("Property '{0}' has type '{1}' in the collection definition but '{2}' on the record type.", property, TypeName(definitionType), TypeName(clrType));

    public static string PropertyNotReadableAndWritable(Type recordType, string property) =>
        Format("Property '{0}.{1}' must have a getter and a setter (set or init) to be stored.", TypeName(recordType), property);

    public static string ValueTypeMismatch(string property, Type valueType, Type propertyType) =>
        Format("Property '{0}' has type '{1}', but a value of type '{2}' was given.", property, TypeName(propertyType), TypeName(valueType));

    public static string IncludeVectorsOnEmbeddedProperty(string property) =>
        Format("Vectors cannot be returned because vector property '{0}' is generated from its input by an embedding generator and the input is not stored; set IncludeVectors to false.", property);

    public static string SortByVector(string property) =>
        Format("Records cannot be ordered by the vector property '{0}'; order by a key or data property.", property);

    public static string EmbeddingCountMismatch(string property, int expected, int actual) =>
        Format("The embedding generator for vector property '{0}' returned {1} embeddings for {2} inputs.", property, actual, expected);

    public static string SearchInputWithoutGenerator(Type inputType, string property) =>
        Format("A search value of type '{0}' is not a supported vector (ReadOnlyMemory<float>, float[] or Embedding<float>), and vector property '{1}' has no embedding generator to turn it into one.", TypeName(inputType), property);

    public static string SearchInputUnsupportedByGenerator(Type inputType, Type generatorType, string property) =>
        Format("A search value of type '{0}' is not a supported vector, and the embedding generator '{1}' of vector property '{2}' cannot embed it.", TypeName(inputType), TypeName(generatorType), property);

    /// <summary>A type as C# writes it (<c>List&lt;int&gt;</c>, <c>int?</c>, <c>string[]</c>), for messages.</summary>
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

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
