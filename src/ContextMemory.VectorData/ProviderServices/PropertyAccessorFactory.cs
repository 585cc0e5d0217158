using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.VectorData.ProviderServices;

/// <summary>
/// Compiles property accessors for record types once per model, because reflection per call would sit on the hot path
/// of every upsert and every search result.
/// </summary>
internal static class PropertyAccessorFactory
{
    public static Func<object, object?> CreateGetter(PropertyInfo property)
    {
        var record = Expression.Parameter(typeof(object), "record");
        var read = Expression.Property(Expression.Convert(record, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), record).Compile();
    }

    public static Action<object, object?> CreateSetter(PropertyInfo property)
    {
        var record = Expression.Parameter(typeof(object), "record");
        var value = Expression.Parameter(typeof(object), "value");

        // A null value becomes default(T), so that clearing a non-nullable value type does not throw.
        var typedValue = Expression.Condition(
            Expression.ReferenceEqual(value, Expression.Constant(null)),
            Expression.Default(property.PropertyType),
            Expression.Convert(value, property.PropertyType));

        // Expression trees assign through init accessors too, which is what lets init-only records be materialized.
        var assign = Expression.Assign(Expression.Property(Expression.Convert(record, property.DeclaringType!), property), typedValue);
        return Expression.Lambda<Action<object, object?>>(assign, record, value).Compile();
    }

    public static Func<object> CreateFactory(ConstructorInfo constructor)
        => Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(constructor), typeof(object))).Compile();
}
