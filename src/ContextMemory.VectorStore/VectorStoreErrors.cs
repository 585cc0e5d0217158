using System.Globalization;

namespace ContextMemory.VectorStore;

/// <summary>Every message the store raises, in one place so tests can assert them.</summary>
internal static class VectorStoreErrors
{
    public static string UnsupportedValueType(Type type) =>
        Format("Values of type '{0}' cannot be stored; supported data types are strings, numbers, bool, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, their nullable forms, and arrays or lists of string, int, long, float, double, bool or Guid.", type);

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
