namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Which conversions a filter may apply to a stored value and still be compared in SQL against the stored form:
/// only those that keep every value and its order (lifting, boxing, unboxing to the stored type, reference
/// casts that succeed for the stored type, and exact numeric widening). A lossy conversion such as
/// <c>(int)r.Score</c> or <c>(double)r.BigNumber</c> would make SQL compare a different value than C# does.
/// </summary>
internal static class ExactConversions
{
    private static readonly Dictionary<Type, Type[]> Widening = new()
    {
        [typeof(sbyte)] = [typeof(short), typeof(int), typeof(long), typeof(float), typeof(double)],
        [typeof(byte)] = [typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(float), typeof(double)],
        [typeof(short)] = [typeof(int), typeof(long), typeof(float), typeof(double)],
        [typeof(ushort)] = [typeof(int), typeof(uint), typeof(long), typeof(float), typeof(double)],
        [typeof(int)] = [typeof(long), typeof(double)],
        [typeof(uint)] = [typeof(long), typeof(double)],
        [typeof(float)] = [typeof(double)],
    };

    /// <summary>Whether converting from <paramref name="from"/> to <paramref name="to"/> keeps every value of <paramref name="stored"/>.</summary>
    /// <param name="from">The static type before the conversion.</param>
    /// <param name="to">The static type after it.</param>
    /// <param name="stored">The type of the values actually held (the property or element type).</param>
    public static bool Preserves(Type from, Type to, Type stored)
    {
        if (from == to || to == typeof(object))
        {
            return true;
        }

        var storedValue = Nullable.GetUnderlyingType(stored) ?? stored;
        if (!to.IsValueType)
        {
            return to.IsAssignableFrom(storedValue);
        }

        var target = Nullable.GetUnderlyingType(to) ?? to;
        if (!from.IsValueType)
        {
            // Unboxing: succeeds, unchanged, only for the stored type itself.
            return target == storedValue;
        }

        var source = Nullable.GetUnderlyingType(from) ?? from;
        return source == target || (Widening.TryGetValue(source, out var wider) && wider.Contains(target));
    }
}
