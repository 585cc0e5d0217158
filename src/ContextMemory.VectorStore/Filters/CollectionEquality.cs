using System.Collections;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Whether a captured collection's <c>Contains</c> uses default equality. <c>Enumerable.Contains</c> defers to
/// <c>ICollection&lt;T&gt;.Contains</c>, so a <c>HashSet&lt;string&gt;</c> built with a case-insensitive comparer
/// would match differently from SQL; such collections are refused rather than translated wrongly.
/// </summary>
internal static class CollectionEquality
{
    public static bool IsDefault(IEnumerable collection)
    {
        // HashSet<T>, SortedSet<T>, ImmutableHashSet<T>, FrozenSet<T>, ... expose the comparer they use.
        var property = collection.GetType().GetProperty("Comparer");
        if (property is null || property.GetIndexParameters().Length != 0 || !property.PropertyType.IsGenericType)
        {
            return true;
        }

        var comparer = property.GetValue(collection);
        if (comparer is null || ReferenceEquals(comparer, StringComparer.Ordinal))
        {
            return true;
        }

        var definition = property.PropertyType.GetGenericTypeDefinition();
        var element = property.PropertyType.GetGenericArguments()[0];
        var defaultComparer = definition == typeof(IEqualityComparer<>) ? typeof(EqualityComparer<>)
            : definition == typeof(IComparer<>) ? typeof(Comparer<>)
            : null;
        return defaultComparer is not null && comparer.Equals(defaultComparer.MakeGenericType(element).GetProperty("Default")!.GetValue(null));
    }
}
