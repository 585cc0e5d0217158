using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// Stable names for the CLR types of stored properties, as written in a collection's stored schema.
/// Nullability is not part of the name: a column holds NULLs either way.
/// </summary>
internal static class StoredTypeNames
{
    private const string CollectionPrefix = "list:";

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(byte)] = "uint8",
        [typeof(sbyte)] = "int8",
        [typeof(short)] = "int16",
        [typeof(ushort)] = "uint16",
        [typeof(int)] = "int32",
        [typeof(uint)] = "uint32",
        [typeof(long)] = "int64",
        [typeof(float)] = "float32",
        [typeof(double)] = "float64",
        [typeof(Guid)] = "guid",
        [typeof(DateTime)] = "datetime",
        [typeof(DateTimeOffset)] = "datetimeoffset",
        [typeof(DateOnly)] = "date",
        [typeof(TimeOnly)] = "time",
    };

    private static readonly Dictionary<string, Type> Types = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The stored name of a supported type (nullable forms share their underlying type's name).</summary>
    public static string Of(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (Names.TryGetValue(t, out var name))
        {
            return name;
        }

        if (SqliteValueConverter.TryGetElementType(t, out var element))
        {
            return CollectionPrefix + Names[element];
        }

        throw new NotSupportedException(VectorStoreErrors.UnsupportedValueType(type));
    }

    public static bool IsCollection(string typeName) => typeName.StartsWith(CollectionPrefix, StringComparison.Ordinal);

    /// <summary>The SQLite column type for a stored type name.</summary>
    public static string ColumnType(string typeName)
    {
        if (IsCollection(typeName))
        {
            return "TEXT";
        }

        return Types.TryGetValue(typeName, out var type)
            ? SqliteValueConverter.ColumnType(type)
            : throw new InvalidDataException(VectorStoreErrors.UnknownStoredType(typeName));
    }
}
