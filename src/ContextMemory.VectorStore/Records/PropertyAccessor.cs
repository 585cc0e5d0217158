using System.Linq.Expressions;
using System.Reflection;
using ContextMemory.VectorStore.Failures;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Records;

/// <summary>
/// Reads and writes one property of a record: a compiled getter and setter on a record type, the entry named by the
/// property's model name on a dynamic record.
/// </summary>
/// <remarks>
/// The store's own accessors rather than the model's: writing null sets the property's default (a record read back
/// from a NULL column must not keep an initialiser's value), reflection is not paid per value, and a dynamic value of
/// a type assignable to the property's type (a <c>List&lt;string&gt;</c> for an <c>IList&lt;string&gt;</c>) is accepted.
/// Immutable and thread-safe.
/// </remarks>
internal sealed class PropertyAccessor
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, object?> _set;

    private PropertyAccessor(Func<object, object?> get, Action<object, object?> set)
    {
        _get = get;
        _set = set;
    }

    /// <summary>The accessor of <paramref name="property"/> on records of <paramref name="recordType"/>.</summary>
    public static PropertyAccessor For(PropertyModel property, Type recordType) =>
        property.PropertyInfo is { } info ? Compiled(info, recordType) : Dynamic(property);

    public object? Get(object record) => _get(record);

    /// <exception cref="InvalidCastException">The value's type is not the property's; the message names both.</exception>
    public void Set(object record, object? value) => _set(record, value);

    private static PropertyAccessor Compiled(PropertyInfo info, Type recordType)
    {
        var record = Expression.Parameter(typeof(object), "record");
        var value = Expression.Parameter(typeof(object), "value");
        var typed = Expression.Property(Expression.Convert(record, recordType), info);
        var get = Expression.Lambda<Func<object, object?>>(Expression.Convert(typed, typeof(object)), record).Compile();

        // Null becomes the type's default (what a NULL column means). Expression trees assign through init accessors too.
        var typedValue = Expression.Condition(
            Expression.ReferenceEqual(value, Expression.Constant(null)),
            Expression.Default(info.PropertyType),
            Expression.Convert(value, info.PropertyType));
        var assign = Expression.Assign(typed, typedValue);
        var set = Expression.Lambda<Action<object, object?>>(assign, record, value).Compile();
        return new PropertyAccessor(get, (target, v) =>
        {
            try
            {
                set(target, v);
            }
            catch (InvalidCastException) when (v is not null)
            {
                throw new InvalidCastException(VectorStoreErrors.ValueTypeMismatch(info.Name, v.GetType(), info.PropertyType));
            }
        });
    }

    private static PropertyAccessor Dynamic(PropertyModel property)
    {
        var name = property.ModelName;
        var valueType = Nullable.GetUnderlyingType(property.Type) ?? property.Type;
        return new PropertyAccessor(
            record =>
            {
                var value = ((Dictionary<string, object?>)record).GetValueOrDefault(name);
                return value is null || valueType.IsInstanceOfType(value)
                    ? value
                    : throw new InvalidCastException(VectorStoreErrors.ValueTypeMismatch(name, value.GetType(), valueType));
            },
            (record, value) => ((Dictionary<string, object?>)record)[name] = value);
    }
}
