using System.Collections;
using System.Globalization;
using System.Text.Json;
using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The one mapping between CLR values of record properties and SQLite storage values.
/// Writes, reads and filter parameters all go through it, so a filter compares exactly what was stored.
/// </summary>
/// <remarks>
/// Encodings: integers and bool as INTEGER; float/double as REAL; string as TEXT; Guid as lowercase
/// "D" TEXT; DateTime and DateTimeOffset as INTEGER UTC ticks (ordering preserved; read back as UTC);
/// DateOnly as INTEGER day number; TimeOnly as INTEGER ticks; collections as a TEXT JSON array
/// whose elements use the JSON form of the same encodings (so <c>json_each</c> sees comparable values).
/// </remarks>
internal static class SqliteValueConverter
{
    private static readonly HashSet<Type> ScalarTypes =
    [
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte),
        typeof(ushort), typeof(uint), typeof(float), typeof(double), typeof(Guid), typeof(DateTime),
        typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly),
    ];

    private static readonly HashSet<Type> ElementTypes =
    [
        typeof(string), typeof(int), typeof(long), typeof(double), typeof(float), typeof(bool), typeof(Guid),
    ];

    /// <summary>Scalar data property types the store can hold (nullable forms included).</summary>
    public static IReadOnlySet<Type> SupportedScalarTypes => ScalarTypes;

    /// <summary>Element types of collection-valued (tag) data properties.</summary>
    public static IReadOnlySet<Type> SupportedElementTypes => ElementTypes;

    /// <summary>Whether <paramref name="type"/> is stored as a JSON array; returns its element type.</summary>
    public static bool TryGetElementType(Type type, out Type elementType)
    {
        elementType = typeof(object);
        if (type == typeof(string))
        {
            return false;
        }

        if (type.IsArray)
        {
            elementType = type.GetElementType()!;
            return ElementTypes.Contains(elementType);
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var arg] && ElementTypes.Contains(arg))
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)
                || definition == typeof(IEnumerable<>))
            {
                elementType = arg;
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a data property of this type can be stored.</summary>
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return ScalarTypes.Contains(t) || TryGetElementType(t, out _);
    }

    /// <summary>The SQLite column affinity used for a property type.</summary>
    public static string ColumnType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(float) || t == typeof(double))
        {
            return "REAL";
        }

        if (t == typeof(string) || t == typeof(Guid) || TryGetElementType(t, out _))
        {
            return "TEXT";
        }

        return "INTEGER";
    }

    /// <summary>Converts a CLR value to the value bound as a SQLite parameter (DBNull for null).</summary>
    /// <exception cref="ArgumentException">A string (or string element) is not well-formed UTF-16.</exception>
    public static object ToStorage(object? value)
    {
        switch (value)
        {
            case null:
                return DBNull.Value;
            case string s:
                return RequireWellFormed(s);
            case bool b:
                return b ? 1L : 0L;
            case int or long or short or byte or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case float f:
                return (double)f;
            case double d:
                return d;
            case Guid g:
                return g.ToString("D");
            case DateTime dt:
                return ToUtc(dt).Ticks;
            case DateTimeOffset dto:
                return dto.UtcTicks;
            case DateOnly date:
                return (long)date.DayNumber;
            case TimeOnly time:
                return time.Ticks;
            case IEnumerable sequence:
                return ToJsonArray(sequence);
            default:
                throw new NotSupportedException(VectorStoreErrors.UnsupportedValueType(value.GetType()));
        }
    }

    /// <summary>Converts a value read from SQLite back to <paramref name="type"/>.</summary>
    public static object? FromStorage(object? stored, Type type)
    {
        if (stored is null or DBNull)
        {
            return null;
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return (string)stored;
        }

        if (t == typeof(bool))
        {
            return (long)stored != 0;
        }

        if (t == typeof(double))
        {
            return Convert.ToDouble(stored, CultureInfo.InvariantCulture);
        }

        if (t == typeof(float))
        {
            return (float)Convert.ToDouble(stored, CultureInfo.InvariantCulture);
        }

        if (t == typeof(Guid))
        {
            return Guid.ParseExact((string)stored, "D");
        }

        if (t == typeof(DateTime))
        {
            return new DateTime((long)stored, DateTimeKind.Utc);
        }

        if (t == typeof(DateTimeOffset))
        {
            return new DateTimeOffset((long)stored, TimeSpan.Zero);
        }

        if (t == typeof(DateOnly))
        {
            return DateOnly.FromDayNumber(checked((int)(long)stored));
        }

        if (t == typeof(TimeOnly))
        {
            return new TimeOnly((long)stored);
        }

        if (TryGetElementType(t, out var elementType))
        {
            return FromJsonArray((string)stored, t, elementType);
        }

        return Convert.ChangeType(stored, t, CultureInfo.InvariantCulture);
    }

    /// <summary>The storage form of one collection element, as <c>json_each</c> reports it.</summary>
    public static object ElementToStorage(object? element) => element switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        float f => (double)f,
        _ => ToStorage(element),
    };

    /// <summary>
    /// SQLite stores text as UTF-8, and encoding replaces a lone surrogate with U+FFFD: two different strings would be
    /// stored as the same text (keys of different records colliding, a filter value matching another tenant's value).
    /// Such strings are rejected instead.
    /// </summary>
    private static string RequireWellFormed(string value)
    {
        var text = value.AsSpan();
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(text[at]) || at + 1 >= text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                throw new ArgumentException(VectorStoreErrors.MalformedString(at), nameof(value));
            }

            var next = text[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + 2 + next;
        }

        return value;
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    private static string ToJsonArray(IEnumerable sequence)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var element in sequence)
            {
                switch (element)
                {
                    case null: writer.WriteNullValue(); break;
                    case string s: writer.WriteStringValue(RequireWellFormed(s)); break;
                    case Guid g: writer.WriteStringValue(g.ToString("D")); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case int i: writer.WriteNumberValue(i); break;
                    case long l: writer.WriteNumberValue(l); break;
                    case double d: writer.WriteNumberValue(d); break;
                    case float f: writer.WriteNumberValue((double)f); break; // the double ToStorage gives, so json_each compares equal
                    default: throw new NotSupportedException(VectorStoreErrors.UnsupportedValueType(element.GetType()));
                }
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static object FromJsonArray(string json, Type collectionType, Type elementType)
    {
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement;
        var array = Array.CreateInstance(elementType, items.GetArrayLength());
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            array.SetValue(ReadElement(item, elementType), index++);
        }

        if (collectionType.IsArray || collectionType.IsInterface && collectionType.IsAssignableFrom(array.GetType()))
        {
            return array;
        }

        // List<T> (or an interface a T[] does not satisfy)
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType), array.Length)!;
        foreach (var item in array)
        {
            list.Add(item);
        }

        return list;
    }

    private static object? ReadElement(JsonElement item, Type elementType)
    {
        if (item.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (elementType == typeof(string))
        {
            return item.GetString();
        }

        if (elementType == typeof(Guid))
        {
            return Guid.ParseExact(item.GetString()!, "D");
        }

        if (elementType == typeof(bool))
        {
            return item.GetBoolean();
        }

        if (elementType == typeof(int))
        {
            return item.GetInt32();
        }

        if (elementType == typeof(long))
        {
            return item.GetInt64();
        }

        return elementType == typeof(float) ? (object)item.GetSingle() : item.GetDouble();
    }
}
